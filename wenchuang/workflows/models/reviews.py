"""Expert review: reviewers' expertise, their declarations, assignments and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scoring import Recommendation
from .calls import Application, Call


class ReviewerProfile(models.Model):
    """What an expert reviewer knows: classes of the 2018 culture-industry classification."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
    )
    expertise = models.ManyToManyField(
        "reference.IndustryCategory",
        verbose_name=_("expertise"),
        blank=True,
        related_name="+",
        help_text=_("Classes, mid or major categories the reviewer knows."),
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)


class Declaration(models.Model):
    """A reviewer's signed conflict-of-interest and confidentiality declaration for a call.

    Accepted before the reviewer opens any application of the call; the organisations the
    reviewer names as related are never assigned to them.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="declarations"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_declarations",
    )
    related_organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("declared relations"),
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"))
    # The language the reviewer read the text in (the signed text is the template's).
    language = models.CharField(_("language"), max_length=16)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="one_declaration_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.call}"


class ReviewAssignment(models.Model):
    """A reviewer asked to review one application."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("to review")
        SUBMITTED = "submitted", _("reviewed")
        ABSTAINED = "abstained", _("abstained (conflict declared)")
        REMOVED = "removed", _("reassigned")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ASSIGNED
    )
    abstain_reason = models.TextField(_("reason for abstaining"), blank=True, max_length=2000)
    fit = models.PositiveSmallIntegerField(_("expertise fit"), default=0)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["application_id", "id"]
        constraints = [
            # Once per application: a reviewer taken off and put back gets the same row.
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.ASSIGNED


class Review(models.Model):
    """A reviewer's scores, recommendation and comments on one application."""

    assignment = models.OneToOneField(
        ReviewAssignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    # Per criterion of the call's scoring form (workflows.scoring): 0–5 or "n/a".
    scores = models.JSONField(_("scores"), default=dict)
    # The weighted mean, kept for the ranking (scoring.weighted_mean, two decimals).
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=2, null=True, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices
    )
    # Who reads each comment: staff read all three; other reviewers (after their own
    # review) the second and third; the applicant, after the decision, the third.
    comment_for_staff = models.TextField(_("comment for staff only"), blank=True, max_length=10000)
    comment_for_reviewers = models.TextField(
        _("comment for staff and reviewers"), blank=True, max_length=10000
    )
    comment_for_applicant = models.TextField(
        _("comment for the applicant"), blank=True, max_length=10000
    )
    submitted_at = models.DateTimeField(_("submitted"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)
