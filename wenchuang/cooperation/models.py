"""Park pairing batches, the pairs in them, and what each pair reports it did together."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wenchuang.core.money import Money, currency_field
from wenchuang.core.regions import RECORD_COLUMNS, RegionColumns
from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import description_length, value_range


class PairingBatch(models.Model):
    """A round of the Carrying Plan ("first batch"), run by an agency over its jurisdiction."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("planning")
        ACTIVE = "active", pgettext_lazy("batch status", "active")
        CLOSED = "closed", pgettext_lazy("batch status", "closed")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    title_zh_hans: str
    title_en: str
    year = models.PositiveSmallIntegerField(_("year"), validators=value_range(2000, 2100))
    # The organising agency's jurisdiction: its staff confirm pairs and sign agreements.
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False, blank=True)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNING, db_index=True
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pairing batch")
        verbose_name_plural = _("pairing batches")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title or self.code

    def get_absolute_url(self) -> str:
        return reverse("cooperation:batch", args=[self.pk])


class Pairing(models.Model):
    """A carrying park paired with a partner park in another region, within a batch."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", pgettext_lazy("pairing status", "confirmed")
        SIGNED = "signed", _("agreement signed")
        DECLINED = "declined", pgettext_lazy("pairing status", "declined")
        ENDED = "ended", pgettext_lazy("pairing status", "ended")

    # Pairs the public sees: suggestions and declined ones are the agency's working notes.
    PUBLIC = (Status.CONFIRMED, Status.SIGNED, Status.ENDED)
    # A park takes part in at most one pair of a batch in these states.
    TAKEN = (Status.CONFIRMED, Status.SIGNED)

    batch = models.ForeignKey(
        PairingBatch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="pairings"
    )
    carrying_park = models.ForeignKey(
        "directory.Park",
        verbose_name=_("carrying park"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner_park = models.ForeignKey(
        "directory.Park", verbose_name=_("partner park"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED, db_index=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, default=0)
    # Why it was suggested, as reason codes with parameters (worded in the reader's language).
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    agreement_title = models.CharField(_("agreement"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # Placed at the carrying park, and at the partner park: staff over either region see it.
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", editable=False
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False, blank=True)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False, blank=True)
    partner_region_code = models.CharField(max_length=6, db_index=True, editable=False)
    partner_province_code = models.CharField(max_length=6, db_index=True, editable=False)
    partner_prefecture_code = models.CharField(
        max_length=6, db_index=True, editable=False, blank=True
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The half-year ("2026H1") whose missing outcome report was last reminded of.
    reminded_for = models.CharField(max_length=7, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Staff over the carrying park's region and over the partner's both oversee the pair.
    region_columns = (
        RECORD_COLUMNS,
        RegionColumns(
            region="partner_region_code",
            province="partner_province_code",
            prefecture="partner_prefecture_code",
        ),
    )

    class Meta:
        verbose_name = _("park pairing")
        verbose_name_plural = _("park pairings")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "carrying_park", "partner_park"],
                name="pairing_once_per_batch",
                violation_error_message=_("These two parks are already paired in this batch."),
            ),
            models.CheckConstraint(
                condition=~models.Q(carrying_park=models.F("partner_park")),
                name="pairing_two_parks",
                violation_error_message=_("A park cannot be paired with itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrying_park} — {self.partner_park}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:pairing", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC


def _count(label) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0, validators=value_range(0, 10_000_000))


class OutcomeReport(models.Model):
    """A pair's figures for a half-year: what the cooperation brought (reported by either park)."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("first half")
        SECOND = 2, _("second half")

    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=value_range(2000, 2100))
    half = models.PositiveSmallIntegerField(_("half-year"), choices=Half.choices)
    enterprises_relocated = _count(_("enterprises relocated"))
    joint_projects = _count(_("joint projects"))
    visitors = _count(_("visitors"))
    revenue = models.DecimalField(
        _("revenue from the cooperation"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=value_range(0),
    )
    currency = currency_field()
    activities = models.TextField(_("activities"), blank=True, validators=description_length())
    reported_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["-year", "-half", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "year", "half"],
                name="outcome_report_once_per_half",
                violation_error_message=_("This pair has already reported for that half-year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pairing} {self.year}H{self.half}"

    @property
    def revenue_money(self) -> Money:
        return Money(self.revenue, self.currency_id)

    @property
    def period_label(self) -> str:
        return f"{self.year}H{self.half}"
