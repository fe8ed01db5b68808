"""Expert review in the JSON API, as the reviewer: the queue, one review, submit, abstain,
sign a call's declaration."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from ninja import Path, Query, Schema

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery, Row

from ..models import Declaration, ReviewAssignment
from . import permissions, selectors, services

router = DomainRouter()
TAGS = ["reviews"]


class OwnReviewOut(Schema):
    score: Decimal | None
    recommendation: str
    scores: dict[str, Any]
    comment_for_staff: str
    comment_for_reviewers: str
    comment_for_applicant: str
    submitted_at: datetime.datetime


class AssignmentOut(Row):
    id: int
    application: int
    application_title: str
    applicant: str
    call: int
    call_title: str
    status: str
    declared: bool
    review: OwnReviewOut | None = None


class OtherReviewOut(Schema):
    reviewer: str
    score: Decimal | None
    recommendation: str
    comments: list[tuple[str, str]]
    divergent: bool
    mine: bool


class AssignmentDetailOut(AssignmentOut):
    answers: dict[str, Any]
    reviews: list[OtherReviewOut]


class ReviewIn(Schema):
    scores: dict[str, Any]
    recommendation: str
    comment_for_staff: str = ""
    comment_for_reviewers: str = ""
    comment_for_applicant: str = ""


class AbstainIn(Schema):
    reason: str


class DeclarationOut(Schema):
    call: int
    accepted_at: datetime.datetime


def _out(assignment: ReviewAssignment) -> dict[str, Any]:
    application = assignment.application
    review = getattr(assignment, "review", None) if assignment.status == "submitted" else None
    return {
        "id": assignment.pk,
        "application": application.pk,
        "application_title": str(application),
        "applicant": str(application.applicant),
        "call": application.call_id,
        "call_title": str(application.call),
        "status": assignment.status,
        "declared": permissions.has_declared(assignment.reviewer, application.call_id)
        if not hasattr(assignment, "declared")
        else assignment.declared,
        "review": review,
    }


def _rows(page) -> list[dict[str, Any]]:
    return [_out(a) for a in page]


@router.listing(
    "/reviews", AssignmentOut, rows=_rows, tags=TAGS, operation_id="review_assignment_list"
)
def review_assignment_list(request: HttpRequest, query: Query[PageQuery]):
    """The applications given to the signed-in reviewer (with their review once submitted)."""
    declared = Declaration.objects.filter(
        reviewer_id=OuterRef("reviewer_id"), call_id=OuterRef("application__call_id")
    )
    return (
        ReviewAssignment.objects.filter(reviewer_id=getattr(request.auth, "pk", None) or 0)
        .exclude(status=ReviewAssignment.Status.REMOVED)
        .select_related("application__call", "application__applicant", "review")
        .annotate(declared=Exists(declared))
        .order_by("id")
    )


def _detail(request: HttpRequest, assignment: ReviewAssignment) -> dict[str, Any]:
    out = _out(assignment)
    opened = permissions.may_open(request.auth, assignment)
    out["answers"] = assignment.application.answers if opened else {}
    out["reviews"] = [
        vars(r) for r in selectors.reviews_for_reader(request.auth, assignment.application)
    ]
    return out


@router.read(
    "/reviews/{id}", AssignmentDetailOut, tags=TAGS, operation_id="review_assignment_detail"
)
def review_assignment_detail(request: HttpRequest, id: int = Path(..., ge=1)):
    """One application to review: its answers once the call's declaration is signed, and
    the reviews the reviewer may read (the others' only after submitting their own)."""
    assignment = selectors.get_assignment_for_reviewer(request.auth, id)
    return _detail(request, assignment)


@router.write(
    "POST",
    "/reviews/{id}/review",
    {200: AssignmentDetailOut},
    tags=TAGS,
    operation_id="review_submit",
)
def review_submit(request: HttpRequest, payload: ReviewIn, id: int = Path(..., ge=1)):
    """Submit the review: scores per criterion of the call's scoring form (0–5 or "n/a"),
    a recommendation (yes, maybe, no) and comments for staff, reviewers and the applicant.
    Sent twice, it is kept once."""
    assignment = selectors.get_assignment_for_reviewer(request.auth, id)
    services.submit_review(assignment=assignment, by=request.auth, **payload.model_dump())
    return _detail(request, selectors.get_assignment_for_reviewer(request.auth, id))


@router.write(
    "POST",
    "/reviews/{id}/abstain",
    {200: AssignmentDetailOut},
    tags=TAGS,
    operation_id="review_abstain",
)
def review_abstain(request: HttpRequest, payload: AbstainIn, id: int = Path(..., ge=1)):
    """Declare a conflict of interest with the applicant and give the application back."""
    assignment = selectors.get_assignment_for_reviewer(request.auth, id)
    services.abstain(assignment=assignment, by=request.auth, reason=payload.reason)
    return _detail(request, selectors.get_assignment_for_reviewer(request.auth, id))


@router.write(
    "POST",
    "/reviews/calls/{id}/declaration",
    {200: DeclarationOut},
    tags=TAGS,
    operation_id="review_declaration_accept",
)
def review_declaration_accept(request: HttpRequest, id: int = Path(..., ge=1)):
    """Sign the call's conflict-of-interest and confidentiality declaration."""
    call = selectors.get_call_for_reviewer(request.auth, id)
    declaration = services.accept_declaration(call=call, by=request.auth)
    return {"call": call.pk, "accepted_at": declaration.accepted_at}
