"""Cluster-area designation: indicator sets, field and yearly assessments, the register."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import description_length

from . import indicators


class IndicatorSet(models.Model):
    """The indicators an assessment scores, their weights and marks (see `indicators`)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    # The columns the declaration adds, spelled out for type checkers.
    title_zh_hans: str
    title_en: str
    definition = models.JSONField(_("definition"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title or self.code

    def clean(self) -> None:
        # A malformed definition is refused when saved, not when an assessor opens the form.
        problems = indicators.check_definition(self.definition)
        if problems:
            raise ValidationError(
                {
                    "definition": [
                        f"{path}: {message}" if path else message for path, message in problems
                    ]
                }
            )


def _placed():
    """The park's region and its copies (core.regions.place), so jurisdiction_scope works."""
    return models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
    )


class FieldAssessment(models.Model):
    """An entrusted institution's assessment of a park on an indicator set."""

    class Purpose(models.TextChoices):
        DESIGNATION = "designation", _("designation")
        YEARLY = "yearly", _("yearly assessment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        # "submitted" alone is also a date's label elsewhere ("submitted on").
        SUBMITTED = "submitted", pgettext_lazy("assessment status", "submitted")

    class Outcome(models.TextChoices):
        RENEW = indicators.RENEW, _("renew")
        WARN = indicators.WARN, _("warn")
        REVOKE = indicators.REVOKE, _("revoke")

    purpose = models.CharField(
        _("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.DESIGNATION
    )
    park = models.ForeignKey(
        "directory.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="+"
    )
    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="+"
    )
    assessor = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("entrusted institution"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "institution"},
    )
    designation = models.ForeignKey(
        "designation.Designation",
        verbose_name=_("designation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # The designation application (workflows) whose field assessment stage ordered it; the
    # institution's work stays on the register's record if the application goes.
    application = models.ForeignKey(
        "workflows.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    values = models.JSONField(_("values"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    report = models.TextField(_("findings"), blank=True, validators=description_length())
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # For a yearly assessment: what staff decided on it (renew, warn or revoke).
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices, blank=True)
    region = _placed()
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    ordered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("field assessment")
        verbose_name_plural = _("field assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose="designation", designation__isnull=True)
                | models.Q(purpose="yearly", designation__isnull=False, year__isnull=False),
                name="assessment_yearly_has_designation",
            ),
            # One yearly assessment per designation and year.
            models.UniqueConstraint(
                fields=["designation", "year"],
                condition=models.Q(purpose="yearly"),
                name="assessment_one_per_year",
            ),
        ]

    def __str__(self) -> str:
        if self.purpose == self.Purpose.YEARLY:
            return _("%(park)s: yearly assessment %(year)s") % {
                "park": self.park,
                "year": self.year,
            }
        return _("%(park)s: field assessment") % {"park": self.park}

    def get_absolute_url(self) -> str:
        return reverse("designation:assessment", args=[self.pk])


class YearlyAssessmentManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(purpose=FieldAssessment.Purpose.YEARLY)


class YearlyAssessment(FieldAssessment):
    """One year's assessment of a designated area on its indicators: renews, warns or revokes."""

    objects = YearlyAssessmentManager()

    class Meta:
        proxy = True
        verbose_name = _("yearly assessment")
        verbose_name_plural = _("yearly assessments")


class Designation(models.Model):
    """An entry of the register of designated cluster areas, with its validity and status."""

    class Status(models.TextChoices):
        DESIGNATED = "designated", _("designated")
        RENEWED = "renewed", _("renewed")
        WARNED = "warned", _("warned")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    LIVE = (Status.DESIGNATED, Status.RENEWED, Status.WARNED)

    park = models.ForeignKey(
        "directory.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="+"
    )
    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="+"
    )
    assessment = models.ForeignKey(
        FieldAssessment,
        verbose_name=_("field assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DESIGNATED, db_index=True
    )
    region = _placed()
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")),
                name="designation_valid_until_after_from",
                violation_error_message=_("The validity must end after it starts."),
            ),
            # A park holds at most one designation in force.
            models.UniqueConstraint(
                fields=["park"],
                condition=models.Q(status__in=["designated", "renewed", "warned"]),
                name="designation_one_live_per_park",
                violation_error_message=_("This park is already designated."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.park} ({self.certificate_number})"

    def get_absolute_url(self) -> str:
        return reverse("designation:detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE
