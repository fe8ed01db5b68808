"""Listing images compared with registered works, and rights holders' infringement reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.validators import description_length


class ImageMatch(models.Model):
    """A listing image that likely copies a registered work, found when it was uploaded."""

    listing = models.ForeignKey(
        "market.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    image = models.ForeignKey(
        "core.StoredFile", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    work = models.ForeignKey(
        "ip_registry.Work",
        verbose_name=_("registered work"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    distance = models.PositiveSmallIntegerField(_("distance (bits of 64)"))
    hash_kind = models.CharField(_("hash kind"), max_length=32)
    # The seller's own work, or the work the listing names: no suspicion.
    own_work = models.BooleanField(_("the seller's own work"), default=False)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("likely copy")
        verbose_name_plural = _("likely copies")
        ordering = ["distance", "id"]

    def __str__(self) -> str:
        return f"{self.listing_id} ~ {self.work_id} ({self.distance})"


class InfringementReport(models.Model):
    """A rights holder's complaint that a listing copies their registered work.

    Filing it hides the listing; the seller answers; staff of the seller's region decide.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting the seller's answer")
        ANSWERED = "answered", _("answered by the seller")
        UPHELD = "upheld", _("upheld: listing withdrawn")
        DISMISSED = "dismissed", _("dismissed: listing restored")

    listing = models.ForeignKey(
        "market.Listing",
        verbose_name=_("listing"),
        on_delete=models.PROTECT,
        related_name="infringement_reports",
    )
    work = models.ForeignKey(
        "ip_registry.Work",
        verbose_name=_("registered work"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    statement = models.TextField(_("statement"), validators=description_length())
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # The listing's status when it was hidden, restored if the report is dismissed.
    listing_status_before = models.CharField(max_length=16)
    answer = models.TextField(_("seller's answer"), blank=True, validators=description_length())
    decision_note = models.TextField(_("decision"), blank=True)
    # Placement of the listing, for jurisdiction_scope.
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("infringement report")
        verbose_name_plural = _("infringement reports")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.work} / {self.listing}"

    def get_absolute_url(self) -> str:
        return reverse("market:report", args=[self.pk])
