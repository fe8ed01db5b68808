"""The pipeline: leads (a project and an investor brought together) and signed agreements."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import Money, currency_field
from wenchuang.core.validators import value_range


class Lead(models.Model):
    """A project and an investor that staff bring together, from first contact to landing."""

    class Stage(models.TextChoices):
        PROSPECT = "prospect", _("prospect")
        CONTACTED = "contacted", _("contacted")
        NEGOTIATING = "negotiating", _("negotiating")
        SIGNED = "signed", _("agreement signed")
        LANDED = "landed", _("landed")
        LOST = "lost", _("lost")

    OPEN = ("prospect", "contacted", "negotiating")

    project = models.ForeignKey(
        "investment.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="leads",
    )
    investor = models.ForeignKey(
        "directory.Investor",
        verbose_name=_("investor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        "accounts.User",
        verbose_name=_("responsible staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.PROSPECT, db_index=True
    )
    expected_signing_on = models.DateField(_("expected signing date"), null=True, blank=True)
    expected_value = models.DecimalField(
        _("expected value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    currency = currency_field(optional=True)
    # Copied from the project: reports and jurisdiction read them without a join.
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    # Where the project and the investor met (a conference's 1:1 meeting, a fair).
    source_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("source event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "investor"], name="lead_once_per_pair"),
            models.CheckConstraint(
                condition=models.Q(expected_value__isnull=True) | models.Q(currency__isnull=False),
                name="lead_value_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} × {self.investor}"

    def get_absolute_url(self) -> str:
        return reverse("investment:lead", args=[self.pk])

    @property
    def expected(self) -> Money | None:
        return Money.of(self.expected_value, self.currency_id)


class LeadStageLog(models.Model):
    """When a lead entered a stage (and left it): conversion rates and time in stage."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="log")
    stage = models.CharField(_("stage"), max_length=16, choices=Lead.Stage.choices)
    entered_on = models.DateField(_("entered"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lead stage")
        verbose_name_plural = _("lead stages")
        ordering = ["entered_on", "id"]

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.stage} {self.entered_on}"


class Agreement(models.Model):
    """A signed investment agreement: its parties, value and date, and its documents."""

    title = models.CharField(_("title"), max_length=200)
    project = models.ForeignKey(
        "investment.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    lead = models.OneToOneField(
        Lead,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreement",
    )
    # The parties' names as they signed, in signing order.
    parties = models.JSONField(_("parties"), default=list)
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    currency = currency_field(optional=True)
    signed_on = models.DateField(_("signed on"))
    # The event where it was signed (a signing ceremony); the event's report lists it.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("signed at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(currency__isnull=False),
                name="agreement_value_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("investment:agreement", args=[self.pk])

    @property
    def signed_value(self) -> Money | None:
        return Money.of(self.value, self.currency_id)
