"""Indicators and reporting obligations: what is reported, by whom, under which rules."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import TranslatedField

# The comparisons an indicator's relations may use (validation.RELATIONS applies them).
RELATION_OPS = ("<=", "<", ">=", ">", "==")


class Reporter(models.TextChoices):
    """Who reports an indicator (or who an obligation binds)."""

    ENTERPRISE = "enterprise", _("enterprise")
    PARK = "park", _("park")
    DISTRICT = "district", _("district")
    # Series entered by staff from official sources (GDP, service trade), not by returns.
    REFERENCE = "reference", _("reference series")


class Indicator(models.Model):
    """A figure that is reported, with the rules its values obey and how it adds up."""

    class Periodicity(models.TextChoices):
        QUARTER = "quarter", _("quarterly")
        # A yearly figure is entered in the year's fourth quarter.
        YEAR = "year", _("yearly")

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("whole number")
        DECIMAL = "decimal", _("decimal number")
        MONEY = "money", _("amount of money")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("sum")
        MEAN = "mean", _("mean")
        WEIGHTED_MEAN = "weighted_mean", _("weighted mean")

    class Unit(models.TextChoices):
        YUAN = "yuan", _("yuan")
        PERSONS = "persons", _("persons")
        ENTERPRISES = "enterprises", _("enterprises")
        PERCENT = "percent", _("%")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    periodicity = models.CharField(
        _("periodicity"), max_length=8, choices=Periodicity.choices, default=Periodicity.QUARTER
    )
    reporter = models.CharField(_("reported by"), max_length=10, choices=Reporter.choices)
    value_type = models.CharField(_("type of value"), max_length=8, choices=ValueType.choices)
    min_value = models.DecimalField(
        _("smallest value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    required = models.BooleanField(_("required"), default=True)
    cumulative = models.BooleanField(
        _("cumulative (year to date)"),
        default=False,
        help_text=_("A third-quarter value covers January to September."),
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("weighted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # [{"op": "<=", "other": "revenue"}]: this value compared with another of the same return.
    relations = models.JSONField(_("relations"), default=list, blank=True)
    public = models.BooleanField(_("public"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="statistics_indicator_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        """Relations name a known comparison and another indicator's code."""
        from django.core.exceptions import ValidationError

        problems = []
        if not isinstance(self.relations, list):
            problems.append(_("Relations are a list of {op, other} pairs."))
        else:
            for relation in self.relations:
                other = relation.get("other") if isinstance(relation, dict) else None
                op = relation.get("op") if isinstance(relation, dict) else None
                if op not in RELATION_OPS or not other:
                    problems.append(
                        _("Each relation needs an op (<=, <, >=, >, ==) and another code.")
                    )
                elif not Indicator.objects.filter(code=other).exclude(pk=self.pk).exists():
                    problems.append(_("No indicator %(code)s to compare with.") % {"code": other})
        if problems:
            raise ValidationError({"relations": problems})


class ReportingObligation(models.Model):
    """Who must report which indicators each quarter, and how many days after its end."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    reporter = models.CharField(_("reported by"), max_length=10, choices=Reporter.choices)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), related_name="obligations"
    )
    # A rule over directory records, e.g. {"above_designated_size": true}; {} = every one.
    applies_to = models.JSONField(_("applies to"), default=dict, blank=True)
    due_days = models.PositiveSmallIntegerField(_("days to report after the quarter"), default=20)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.name)
