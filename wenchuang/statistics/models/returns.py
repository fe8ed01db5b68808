"""The calendar and returns: quarters, returns, revised values, reference series, uploads."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .indicators import Indicator, Reporter, ReportingObligation


class Period(models.Model):
    """A quarter of the reporting calendar: open for returns, locked, then released."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        LOCKED = "locked", _("locked")
        RELEASED = "released", _("released")

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    due_on = models.DateField(_("due on"))
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    # When the reminder for this quarter went out; the job sends one per period.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="statistics_period_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="statistics_period_quarter"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class StatReturn(models.Model):
    """One reporter's return for one obligation and quarter; its figures are ReturnValues."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        # Some value was flagged as suspicious (and explained); staff may look at it.
        FLAGGED = "flagged", _("flagged for review")

    obligation = models.ForeignKey(
        ReportingObligation,
        verbose_name=_("obligation"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="returns"
    )
    reporter = models.CharField(_("reported by"), max_length=10, choices=Reporter.choices)
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The reporting park, or the park an enterprise was in when it submitted.
    park = models.ForeignKey(
        "directory.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "reference.Region",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # "enterprise:12", "park:3", "district:320211": one return per reporter, obligation and
    # quarter, whichever kind the reporter is (a double click never makes two).
    reporter_key = models.CharField(max_length=40, editable=False)

    # Placement and classification copied at submission, so the cube and the jurisdiction
    # scope read one row (see core.regions.place).
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, blank=True, db_index=True, editable=False)
    class_code = models.CharField(max_length=4, blank=True, editable=False)
    mid_code = models.CharField(max_length=3, blank=True, editable=False)
    major_code = models.CharField(max_length=2, blank=True, editable=False)
    domain = models.CharField(max_length=8, blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True)
    # Counts the submissions of this return: 1 at first, +1 for each revision.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-period__year", "-period__quarter", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "period", "reporter_key"], name="statistics_return_once"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "province_code"]),
            models.Index(fields=["period", "prefecture_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.obligation.code} {self.period.label} {self.reporter_key}"

    @property
    def reporter_record(self):
        return self.enterprise or (self.park if self.reporter == Reporter.PARK else None)

    @property
    def reporter_name(self) -> str:
        record = self.reporter_record
        if record is not None:
            return str(record)
        return str(self.district.name) if self.district_id else ""


class ReturnValue(models.Model):
    """One figure of a return at one revision; only the current revision counts."""

    stat_return = models.ForeignKey(
        StatReturn, verbose_name=_("return"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    # For a cumulative indicator: this quarter alone (Q3 value − Q2 value).
    single_quarter = models.DecimalField(
        _("this quarter alone"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    current = models.BooleanField(_("current"), default=True)
    explanation = models.TextField(_("explanation"), blank=True, max_length=2000)
    # ["yoy_change", "peer_outlier"]: why the value was flagged as suspicious.
    flags = models.JSONField(_("flags"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["stat_return", "indicator__position", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["stat_return", "indicator"],
                condition=Q(current=True),
                name="statistics_value_one_current",
            ),
            models.UniqueConstraint(
                fields=["stat_return", "indicator", "revision"],
                name="statistics_value_revision_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value} (r{self.revision})"


class ReferenceValue(models.Model):
    """A reference series value (GDP, service trade) of a region and quarter, with revisions."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reference_values"
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    current = models.BooleanField(_("current"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")
        ordering = ["indicator", "region", "period", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"],
                condition=Q(current=True),
                name="statistics_reference_one_current",
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "period", "revision"],
                name="statistics_reference_revision_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region_id} {self.period.label}={self.value}"


class ReturnUpload(models.Model):
    """A CSV or XLSX file of returns a district or staff uploaded, checked and written in the
    background: every row or none."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("written")
        FAILED = "failed", _("refused")

    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(max_length=500, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    written_returns = models.PositiveIntegerField(_("returns written"), default=0)
    # [{"line": 3, "column": "revenue", "message": "..."}], in the uploader's language.
    messages = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("upload of returns")
        verbose_name_plural = _("uploads of returns")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
