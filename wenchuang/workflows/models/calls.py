"""Programmes, their calls (rounds) and the applications made to them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenchuang.core.languages import localized
from wenchuang.core.money import Money, currency_field
from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import value_range


class Programme(models.Model):
    """A standing programme of an agency (a special fund, a designation scheme), of a kind
    that a plug-in app registers (`workflows.plugins.register_kind`)."""

    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = TranslatedField(
        models.CharField,
        _("title"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    agency = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    jurisdiction = models.ForeignKey(
        "reference.Region",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return localized(self, "title").text or self.code

    @property
    def kind_label(self) -> str:
        from wenchuang.workflows.plugins import kind_label

        return kind_label(self.kind)


class Call(models.Model):
    """A round of a programme: open and close times, eligibility, the forms and stages as data."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        PUBLISHED = "published", _("published")
        CLOSED = "closed", _("archived")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    title = TranslatedField(
        models.CharField,
        _("title"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    description = TranslatedField(models.TextField, _("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    budget_currency = currency_field()
    # Rules as data (workflows.eligibility), forms as data (workflows.formdef), stages as
    # data (workflows.stages): each checked when staff save them.
    eligibility = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    form = models.JSONField(_("application form"), default=dict, blank=True)
    review_form = models.JSONField(_("scoring form"), default=dict, blank=True)
    stages = models.JSONField(_("stages"), default=dict, blank=True)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=value_range(0, 20)
    )
    max_per_reviewer = models.PositiveSmallIntegerField(
        _("applications per reviewer at most"), default=20, validators=value_range(1, 1000)
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
                violation_error_message=_("A call closes after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "title").text or f"#{self.pk}"

    @property
    def budget(self) -> Money | None:
        return Money.of(self.budget_amount, self.budget_currency_id)

    def is_open(self, at: Any = None) -> bool:
        """Published and between its opening and closing times."""
        at = at or timezone.now()
        return self.status == self.Status.PUBLISHED and self.opens_at <= at < self.closes_at


class Application(models.Model):
    """An organisation's application to a call, moving through the stage table it began with."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    co_applicants = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("co-applicants"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("project title"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    stage = models.CharField(_("stage"), max_length=32, default="draft", db_index=True)
    # The call's stage table as it was when the application began: staff changing the call's
    # stages later (adding a field assessment) does not move running applications.
    stage_table = models.JSONField(_("stage table"), default=dict, editable=False)
    # What staff asked when they requested more information (shown to the applicant).
    info_request = models.TextField(_("information requested"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    extended_until = models.DateTimeField(_("deadline extended until"), null=True, blank=True)
    amount_requested_amount = models.DecimalField(
        _("amount requested"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    amount_requested_currency = currency_field()
    classification = models.ForeignKey(
        "reference.IndustryCategory",
        verbose_name=_("culture industry category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Where the applicant is: staff act on applications inside their jurisdiction.
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    # The directory record the application is about (the park applying for designation).
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True, default="")
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "id"]
        indexes = [
            # Covers the staff list's count and per-stage counts within a jurisdiction
            # without reading the rows (each carries kilobytes of answers and stage table).
            models.Index(
                fields=["call", "stage", "prefecture_code", "province_code", "region"],
                name="application_call_stage_place",
            ),
            models.Index(fields=["applicant", "id"]),
        ]
        constraints = [
            # One running application per applicant (and subject) and call: a double-clicked
            # "apply" makes one draft; a withdrawn application leaves room for a new one.
            models.UniqueConstraint(
                fields=["call", "applicant", "subject_id"],
                condition=~models.Q(stage="withdrawn"),
                name="one_running_application_per_applicant",
                violation_error_message=_(
                    "This organisation already has an application to this call."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title or _("Application %(number)s") % {"number": self.pk}

    @property
    def amount_requested(self) -> Money | None:
        return Money.of(self.amount_requested_amount, self.amount_requested_currency_id)

    @property
    def deadline(self):
        """When this applicant must have submitted: the call's close, or their extension."""
        if self.extended_until and self.extended_until > self.call.closes_at:
            return self.extended_until
        return self.call.closes_at

    @property
    def stage_label(self) -> str:
        """The stage in the reader's language, from the application's own stage table."""
        from wenchuang.workflows.stages import StageTable

        return StageTable(self.stage_table).label(self.stage)
