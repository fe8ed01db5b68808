"""The decision packet of an application: what a decider reads, on a page and as a PDF.

Summary, amount requested against the budget left, the answers, and the reviews as staff
read them (the reviews' own selectors: per-criterion scores, weighted score, divergence),
their mean and spread, the abstentions and the declared ties to the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from wenchuang.core.money import Money
from wenchuang.core.permissions import require
from wenchuang.workflows import scoring
from wenchuang.workflows.answer_sheet import answer_rows
from wenchuang.workflows.models import Application, Declaration, ReviewAssignment
from wenchuang.workflows.reviewing import selectors as review_selectors
from wenchuang.workflows.reviewing.selectors import ShownReview
from wenchuang.workflows.scoring import ApplicationScore

from .decisions import budget_left, can_decide


@dataclass
class Packet:
    application: Application
    budget_left: Money | None
    answers: list[tuple[str, str, str]]  # (section, question, answer)
    reviews: list[ShownReview] = field(default_factory=list)  # as staff read them
    conflicts: list[str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)


def _answers(application: Application) -> list[tuple[str, str, str]]:
    """(section, question, answer) as the application's own pages show them."""
    return [
        (section, question, answer)
        for section, rows in answer_rows(application)
        for question, answer, _link in rows
    ]


def _conflicts(application: Application) -> list[str]:
    """Reviewers who abstained (with their reason) and those who declared a tie to the applicant."""
    abstained = [
        f"{a.reviewer}: {a.abstain_reason}".rstrip(": ")
        for a in ReviewAssignment.objects.filter(
            application=application, status=ReviewAssignment.Status.ABSTAINED
        )
        .select_related("reviewer")
        .order_by("updated_at", "pk")
    ]
    declared = [
        f"{declaration.reviewer} ({_('declared relations')})"
        for declaration in Declaration.objects.filter(
            call_id=application.call_id,
            related_organisations=application.applicant_id,
        )
        .select_related("reviewer")
        .order_by("pk")
    ]
    return abstained + declared


def _score_summary(summary: ApplicationScore) -> dict[str, Any]:
    """The mean of the reviews' weighted scores, their spread, and how many diverge."""
    if summary.mean is None:
        return {}
    return {
        "mean": scoring.shown(summary.mean),
        "spread": scoring.shown(summary.spread),
        "count": sum(1 for r in summary.reviews if r.score is not None),
        "divergent": len(summary.divergent),
    }


def decision_packet(user: Any, pk: int) -> Packet:
    """The packet of application `pk` for a decider: 404 if none, 403 with the reason."""
    application = (
        Application.objects.select_related(
            "call__programme", "applicant", "region", "classification"
        )
        .filter(pk=pk, call__programme__kind="fund")
        .first()
    )
    if application is None:
        raise Http404("application")
    require(can_decide(user, application))
    return Packet(
        application=application,
        budget_left=budget_left(application.call),
        answers=_answers(application),
        reviews=review_selectors.reviews_for_reader(user, application),
        conflicts=_conflicts(application),
        scores=_score_summary(review_selectors.review_summary(application)),
    )
