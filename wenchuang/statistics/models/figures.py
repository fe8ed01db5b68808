"""Figures computed from returns: cube cells, what a release published, targets, reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import TranslatedField


class ClassLevel(models.IntegerChoices):
    """How finely a cell cuts the culture-industry classification."""

    ALL = 0, _("all classes")
    DOMAIN = 1, _("core or related domain")
    MAJOR = 2, _("major category")
    MID = 3, _("mid category")
    SMALL = 4, _("small category")


class CubeCell(models.Model):
    """One pre-aggregated figure: an indicator in a quarter, a region, a class and a park.

    `value` adds up the values as reported (year to date for a cumulative indicator);
    `quarter_value` adds up the single-quarter values, which growth rates compare.
    `contributors` and `largest` (the biggest single value) feed disclosure control.
    A cell with `park_id` 0 covers every reporter; a park's cell sits at the park's region.
    """

    # One index, the unique key, serves every read (decision 0031): a slice names its quarters,
    # its indicator and its class level first, then a region (a class or a series) or every
    # region at that level (regions under a region). Each further index would slow the rebuild.
    period = models.ForeignKey(
        "statistics.Period", models.CASCADE, related_name="+", db_index=False
    )
    indicator = models.ForeignKey(
        "statistics.Indicator", models.CASCADE, related_name="+", db_index=False
    )
    region = models.ForeignKey(
        "reference.Region",
        models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    region_level = models.PositiveSmallIntegerField()
    province_code = models.CharField(max_length=6, blank=True)
    prefecture_code = models.CharField(max_length=6, blank=True)
    class_level = models.PositiveSmallIntegerField(choices=ClassLevel.choices)
    class_code = models.CharField(max_length=8, blank=True)
    park_id = models.IntegerField(default=0)
    value = models.DecimalField(max_digits=28, decimal_places=4)
    quarter_value = models.DecimalField(max_digits=28, decimal_places=4, null=True)
    # For a weighted mean: sum of value × weight and of the weights (else null).
    weighted_sum = models.DecimalField(max_digits=32, decimal_places=4, null=True)
    weight_sum = models.DecimalField(max_digits=28, decimal_places=4, null=True)
    contributors = models.PositiveIntegerField()
    largest = models.DecimalField(max_digits=28, decimal_places=4)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                # Quarter first: a page asks for a quarter and the same one a year before
                # (an IN of two or three), and an incremental update deletes by quarter.
                fields=[
                    "period",
                    "indicator",
                    "class_level",
                    "region",
                    "class_code",
                    "park_id",
                ],
                name="statistics_cube_cell_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_id} {self.region_id} {self.class_code}"


class ReleasedCell(models.Model):
    """A cell's value as a release first published it, so a later revision can say so."""

    period = models.ForeignKey("statistics.Period", models.CASCADE, related_name="+")
    indicator = models.ForeignKey("statistics.Indicator", models.CASCADE, related_name="+")
    region_id = models.CharField(max_length=6)
    class_level = models.PositiveSmallIntegerField(choices=ClassLevel.choices)
    class_code = models.CharField(max_length=8, blank=True)
    park_id = models.IntegerField(default=0)
    value = models.DecimalField(max_digits=28, decimal_places=4)
    released_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator", "region_id", "class_level", "class_code", "park_id"],
                name="statistics_released_cell_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_id} {self.region_id} {self.value}"


class Plan(models.Model):
    """A development plan with targets, such as Wuxi's three-year initiative."""

    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, editable=False)
    prefecture_code = models.CharField(max_length=6, blank=True, editable=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Target(models.Model):
    """A figure a plan aims at by a deadline, measured from a baseline."""

    class Measure(models.TextChoices):
        INDICATOR = "indicator", _("an indicator's yearly value")
        SHARE = "share", _("a share of a reference series (%)")
        ENTERPRISES_ABOVE_SIZE = "above_size", _("enterprises above designated size")
        PARKS_ABOVE = "parks_above", _("parks above a yearly value")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="targets")
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    # The indicator (or the numerator's indicators, comma-separated) and, for a share, the
    # reference series it is divided by; for parks_above, the indicator and its threshold.
    indicator_codes = models.CharField(_("indicators"), max_length=200, blank=True)
    reference_code = models.CharField(_("reference series"), max_length=40, blank=True)
    threshold = models.DecimalField(
        _("threshold"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    baseline = models.DecimalField(_("baseline"), max_digits=24, decimal_places=4)
    baseline_on = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=24, decimal_places=4)
    deadline = models.DateField(_("deadline"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return str(self.name)


class QuarterlyReport(models.Model):
    """A quarterly report being built (or built) in the background: its PDF and XLSX."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("building")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    period = models.ForeignKey("statistics.Period", models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(null=True, editable=False)
    xlsx = models.BinaryField(null=True, editable=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.period} {self.status}"
