"""Consulting records: a provider's certification, an enterprise's request, its thread."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wenchuang.core.validators import description_length


class Scope(models.TextChoices):
    """What a certified provider may advise on, and what an enterprise asks about."""

    INFORMATION = "information", _("information consulting")
    INVESTMENT = "investment", _("investment consulting")
    LEGAL = "legal", _("legal consulting")
    TECHNOLOGY = "technology", _("technology consulting")
    INTERMEDIARY = "intermediary", _("intermediary services")


def _region():
    """The placement (core.regions.place), so that jurisdiction_scope reads it."""
    return models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )


class Certification(models.Model):
    """A provider's application for certification and, once granted, its period of validity."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("awaiting decision")
        CERTIFIED = "certified", _("certified")
        REFUSED = "refused", _("refused")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    # States in which the provider's directory record shows "certified by the centre".
    LIVE = ("certified",)
    # States in which the provider may not apply again (one open file at a time).
    OPEN = ("applied", "certified", "suspended")

    provider = models.ForeignKey(
        "directory.ServiceProvider",
        verbose_name=_("service provider"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    scopes = models.JSONField(_("scope"), default=list)
    # GB/T 2260 codes of the provinces, prefectures or counties the provider serves.
    regions_served = models.JSONField(_("regions served"), default=list)
    staff_names = models.TextField(_("named staff"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    # The validity end a reminder was sent for: one reminder per provider and period.
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    region = _region()
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return str(self.provider)

    def get_absolute_url(self) -> str:
        return reverse("consulting:certification", args=[self.pk])

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(s, s)) for s in self.scopes]


class ConsultingRequest(models.Model):
    """An enterprise's question, routed to one certified provider at a time."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for the provider")
        UNASSIGNED = "unassigned", _("no provider available")
        ACCEPTED = "accepted", _("in progress")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", pgettext_lazy("consulting request", "closed")

    # Still waiting for an answer: these escalate when their deadline passes.
    OPEN = ("waiting", "unassigned", "accepted")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("category"), max_length=16, choices=Scope.choices)
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"), validators=description_length())
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="zh-hans"
    )
    provider = models.ForeignKey(
        "directory.ServiceProvider",
        verbose_name=_("service provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consulting_requests",
    )
    # The enterprise chose the provider itself (else the routing did).
    picked = models.BooleanField(_("chosen by the enterprise"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    region = _region()
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    filed_at = models.DateTimeField(_("filed"), db_index=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answer_due = models.DateTimeField(_("answer due"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consulting request")
        verbose_name_plural = _("consulting requests")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["provider", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="consulting_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("consulting:request", args=[self.pk])


class Decline(models.Model):
    """A provider's refusal of a request, with its reason; the routing skips it afterwards."""

    request = models.ForeignKey(
        ConsultingRequest, on_delete=models.CASCADE, related_name="declines"
    )
    provider = models.ForeignKey(
        "directory.ServiceProvider", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.reason[:60]


class Message(models.Model):
    """One message of a request's thread: a follow-up question, a reply or the answer."""

    class Side(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        PROVIDER = "provider", _("service provider")
        STAFF = "staff", _("centre staff")

    request = models.ForeignKey(
        ConsultingRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=16, choices=Side.choices)
    text = models.TextField(_("message"), validators=description_length())
    is_answer = models.BooleanField(_("answer"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
