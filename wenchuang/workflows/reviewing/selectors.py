"""Expert review's reads: a reviewer's queue, reviews as each reader may see them, the
staff's workload view and a call's ranking."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wenchuang.core.charts import Chart
from wenchuang.core.permissions import require

from .. import permissions as engine
from .. import scoring
from ..models import Application, Call, Declaration, Review, ReviewAssignment
from . import permissions
from .permissions import REVIEW_STAGE

# Until the decision, applicants read nothing of the reviews.
UNDECIDED = frozenset(
    {"draft", "submitted", "screening", "more_info", "field_assessment", REVIEW_STAGE, "decision"}
)


@dataclass
class QueueCall:
    """One call in a reviewer's queue."""

    call: Call
    declared: bool
    assignments: list[ReviewAssignment] = field(default_factory=list)

    @property
    def to_review(self) -> int:
        return sum(1 for a in self.assignments if a.is_open)


def reviewer_queue(user: Any) -> list[QueueCall]:
    """The reviewer's applications, by call, with whether the call's declaration is signed."""
    rows = (
        ReviewAssignment.objects.filter(reviewer_id=user.pk)
        .exclude(status=ReviewAssignment.Status.REMOVED)
        .select_related("application__call__programme", "application__applicant")
        .order_by("-application__call__closes_at", "application__call_id", "application_id")
    )
    declared = set(
        Declaration.objects.filter(reviewer_id=user.pk).values_list("call_id", flat=True)
    )
    calls: dict[int, QueueCall] = {}
    for assignment in rows:
        call = assignment.application.call
        entry = calls.setdefault(call.pk, QueueCall(call, call.pk in declared))
        entry.assignments.append(assignment)
    return list(calls.values())


def get_assignment_for_reviewer(user: Any, pk: int) -> ReviewAssignment:
    """The user's own assignment (404 for anyone else's: its existence is confidential)."""
    assignment = (
        ReviewAssignment.objects.select_related(
            "application__call__programme", "application__applicant", "application__classification"
        )
        .filter(pk=pk, reviewer_id=getattr(user, "pk", None))
        .exclude(status=ReviewAssignment.Status.REMOVED)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def get_call_for_reviewer(user: Any, pk: int) -> Call:
    """A call the user reviews for (assigned at least once), for its declaration page."""
    if not permissions.is_reviewer(user):
        raise PermissionDenied(_("Only expert reviewers sign review declarations."))
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk)
    if not ReviewAssignment.objects.filter(application__call=call, reviewer_id=user.pk).exists():
        raise Http404
    return call


def get_call_for_staff(user: Any, pk: int) -> Call:
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk)
    require(permissions.may_manage_reviews(user, call))
    return call


@dataclass
class ShownReview:
    """A review as one reader may see it."""

    reviewer: str
    score: Decimal | None
    recommendation: str
    scores: list[tuple[str, Any]]
    comments: list[tuple[str, str]]
    divergent: bool = False
    mine: bool = False


def _letter(index: int) -> str:
    return _("Reviewer %(letter)s") % {"letter": chr(ord("A") + index % 26)}


def reviews_for_reader(user: Any, application: Application) -> list[ShownReview]:
    """The submitted reviews of an application that `user` may read, and what of them.

    Staff of the applicant's region: every review with all comments and the reviewers'
    names. A reviewer of the application: the others' reviews only after submitting their
    own, without the comments meant for staff. The applicant: after the decision, the
    comments meant for them, unsigned. Anyone else: nothing.
    """
    reviews = list(
        Review.objects.filter(assignment__application=application)
        .select_related("assignment__reviewer")
        .order_by("submitted_at", "id")
    )
    if not reviews:
        return []
    staff = bool(engine.may_act_as_staff(user, application))
    mine = next((r for r in reviews if r.assignment.reviewer_id == getattr(user, "pk", None)), None)
    applicant = bool(engine.may_act_as_applicant(user, application))
    if not (staff or mine or (applicant and application.stage not in UNDECIDED)):
        return []
    form = scoring.review_form_of(application.call)
    summary = scoring.summarise(application.pk, [_scored(r) for r in reviews])
    language = get_language() or "en"
    shown = []
    for index, review in enumerate(reviews):
        comments = []
        if staff:
            comments.append((_("for staff"), review.comment_for_staff))
        if staff or mine:
            comments.append((_("for reviewers"), review.comment_for_reviewers))
        comments.append((_("for the applicant"), review.comment_for_applicant))
        comments = [(who, text) for who, text in comments if text.strip()]
        if not (staff or mine):  # the applicant: comments only
            if comments:
                shown.append(ShownReview(_letter(index), None, "", [], comments))
            continue
        shown.append(
            ShownReview(
                reviewer=review.assignment.reviewer.get_full_name()
                or review.assignment.reviewer.username
                if staff
                else _letter(index),
                score=review.score,
                recommendation=str(scoring.Recommendation(review.recommendation).label),
                scores=[
                    (scoring.criterion_label(c, language), review.scores.get(c["key"]))
                    for c in scoring.criteria(form)
                ],
                comments=comments,
                divergent=review.assignment.reviewer_id in summary.divergent,
                mine=review is mine,
            )
        )
    return shown


def review_summary(application: Application) -> scoring.ApplicationScore:
    """Mean, spread, divergent reviews and recommendations of the application's reviews."""
    reviews = Review.objects.filter(assignment__application=application).select_related(
        "assignment"
    )
    return scoring.summarise(application.pk, [_scored(r) for r in reviews])


def _scored(review: Review) -> scoring.ScoredReview:
    score = Fraction(str(review.score)) if review.score is not None else None
    return scoring.ScoredReview(review.assignment.reviewer_id, score, review.recommendation)


@dataclass
class WorkloadRow:
    reviewer: Any
    assigned: int
    submitted: int
    abstained: int

    @property
    def load(self) -> int:
        return self.assigned + self.submitted


def workload(call: Call) -> list[WorkloadRow]:
    """Each reviewer's applications in the call: still to review, reviewed, abstained."""
    from wenchuang.accounts.models import User

    status = ReviewAssignment.Status
    rows = (
        User.objects.filter(review_assignments__application__call=call)
        .annotate(
            assigned=Count(
                "review_assignments",
                filter=Q(
                    review_assignments__application__call=call,
                    review_assignments__status=status.ASSIGNED,
                ),
            ),
            submitted=Count(
                "review_assignments",
                filter=Q(
                    review_assignments__application__call=call,
                    review_assignments__status=status.SUBMITTED,
                ),
            ),
            abstained=Count(
                "review_assignments",
                filter=Q(
                    review_assignments__application__call=call,
                    review_assignments__status=status.ABSTAINED,
                ),
            ),
        )
        .order_by("username")
    )
    return [WorkloadRow(u, u.assigned, u.submitted, u.abstained) for u in rows]


def workload_chart(call: Call, rows: list[WorkloadRow]) -> Chart:
    return Chart(
        id="review-workload",
        title=_("Applications per reviewer"),
        columns=[_("Reviewer"), _("To review"), _("Reviewed"), _("Abstained")],
        rows=[
            [
                r.reviewer.get_full_name() or r.reviewer.username,
                r.assigned,
                r.submitted,
                r.abstained,
            ]
            for r in rows
        ],
        kind="bar",
    )


def call_assignments(call: Call) -> QuerySet[ReviewAssignment]:
    """The call's assignments for the staff's reassignment table."""
    return (
        ReviewAssignment.objects.filter(application__call=call)
        .exclude(status=ReviewAssignment.Status.REMOVED)
        .select_related("application__applicant", "reviewer")
        .order_by("application_id", "id")
    )


@dataclass
class RankedApplication:
    position: int
    application: Application
    summary: scoring.ApplicationScore
    pending: int  # reviews still expected

    @property
    def mean(self) -> Decimal | None:
        return scoring.shown(self.summary.mean)

    @property
    def spread(self) -> Decimal | None:
        return scoring.shown(self.summary.spread)


def ranking(call: Call) -> list[RankedApplication]:
    """The call's applications in expert review or later, best mean first (scoring.rank)."""
    applications = {
        a.pk: a
        for a in Application.objects.filter(call=call)
        .exclude(stage__in=["draft", "submitted", "screening", "more_info", "withdrawn"])
        .select_related("applicant")
    }
    reviews: dict[int, list[scoring.ScoredReview]] = defaultdict(list)
    for review in Review.objects.filter(assignment__application__call=call).select_related(
        "assignment"
    ):
        reviews[review.assignment.application_id].append(_scored(review))
    pending: dict[int, int] = defaultdict(int)
    for app_id in ReviewAssignment.objects.filter(
        application__call=call, status=ReviewAssignment.Status.ASSIGNED
    ).values_list("application_id", flat=True):
        pending[app_id] += 1
    summaries = [scoring.summarise(pk, reviews.get(pk, [])) for pk in applications]
    order = {pk: (a.submitted_at, pk) for pk, a in applications.items() if a.submitted_at}
    return [
        RankedApplication(i + 1, applications[s.application], s, pending[s.application])
        for i, s in enumerate(scoring.rank(summaries, order))
    ]
