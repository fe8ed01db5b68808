"""Who may do what in expert review, each answer with its reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny

from .. import permissions as engine
from ..models import Declaration, ReviewAssignment

REVIEW_STAGE = "expert_review"


def is_reviewer(user: Any) -> bool:
    return roles.has_role(user, Role.EXPERT_REVIEWER)


def has_declared(user: Any, call_id: int) -> bool:
    return Declaration.objects.filter(call_id=call_id, reviewer_id=user.pk).exists()


def may_declare(user: Any, call: Any) -> Decision:
    if not is_reviewer(user):
        return deny(_("Only expert reviewers sign review declarations."))
    return ALLOW


def may_open(user: Any, assignment: ReviewAssignment) -> Decision:
    """The reviewer's own assignment, once they accepted the call's declaration."""
    if assignment.reviewer_id != getattr(user, "pk", None):
        return deny(_("This application was not given to you to review."))
    if assignment.status == ReviewAssignment.Status.REMOVED:
        return deny(_("This application was given to another reviewer."))
    if not has_declared(user, assignment.application.call_id):
        return deny(_("Accept the declaration for this call before opening its applications."))
    return ALLOW


def may_review(user: Any, assignment: ReviewAssignment) -> Decision:
    """Open it, still to review, and the application in expert review."""
    decision = may_open(user, assignment)
    if not decision:
        return decision
    if assignment.status == ReviewAssignment.Status.ABSTAINED:
        return deny(_("You declared a conflict of interest with this applicant."))
    if assignment.status == ReviewAssignment.Status.SUBMITTED:
        return deny(_("You have already submitted your review."))
    if assignment.application.stage != REVIEW_STAGE:
        return deny(_("This application is no longer in expert review."))
    return ALLOW


def may_manage_reviews(user: Any, call: Any) -> Decision:
    """Staff of the programme's region assign, reassign, and read the workload and ranking."""
    return engine.may_manage_call(user, call)


def may_act_as_reviewer(user: Any, application: Any) -> Decision:
    """The reviewer actor of stage tables: someone assigned to it who has not abstained."""
    assigned = ReviewAssignment.objects.filter(
        application_id=application.pk,
        reviewer_id=getattr(user, "pk", None),
        status__in=[ReviewAssignment.Status.ASSIGNED, ReviewAssignment.Status.SUBMITTED],
    ).exists()
    if assigned and has_declared(user, application.call_id):
        return ALLOW
    return deny(_("Only the reviewers of this application may do this."))


def may_read_attachments(user: Any, application: Any) -> Decision:
    """An application's files: whoever may read it, and its reviewers once they have declared."""
    from ..permissions import may_read_application

    decision = may_read_application(user, application)
    return decision if decision else may_act_as_reviewer(user, application) or decision
