"""Expert review's writes: assign, reassign, declare, abstain, submit a review.

One function per use case, permission first, in a transaction. Assignments and reviews are
audited on their application, so the application's history (and the audit of its region)
shows who was asked, who abstained and who reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.accounts.models import Role, User
from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import deny, require
from wenchuang.core.verbs import register_verb

from .. import conflicts, scoring
from ..assignment import Candidate, Reviewer, assign, expertise_fit
from ..models import Application, Call, Declaration, Review, ReviewAssignment, ReviewerProfile
from . import permissions
from .permissions import REVIEW_STAGE

ASSIGN = register_verb("assign_reviewers", gettext_lazy("reviewers assigned"))
REASSIGN = register_verb("reassign_reviewer", gettext_lazy("reviewer replaced"))
ABSTAIN = register_verb("abstain", gettext_lazy("reviewer abstained"))
DECLARE = register_verb("declare", gettext_lazy("review declaration accepted"))
REVIEW = register_verb("review", gettext_lazy("review submitted"))

ACTIVE = (ReviewAssignment.Status.ASSIGNED, ReviewAssignment.Status.SUBMITTED)
QUEUE = reverse_lazy("reviews:queue")


@dataclass
class AssignmentReport:
    """What an assignment run did, for the staff page."""

    created: int = 0
    # Applications that still lack reviewers: application id -> how many.
    short: dict[int, int] = field(default_factory=dict)
    excluded: int = 0  # (application, reviewer) pairs left out for a conflict of interest


def reviewers_pool() -> list[User]:
    """Every active expert reviewer."""
    return list(
        User.objects.filter(is_active=True, affiliations__role=Role.EXPERT_REVIEWER)
        .distinct()
        .order_by("id")
    )


def expertise_of(user_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    rows = ReviewerProfile.expertise.through.objects.filter(
        reviewerprofile__user_id__in=list(user_ids)
    ).values_list("reviewerprofile__user_id", "industrycategory_id")
    for user_id, code in rows:
        found[user_id].add(code)
    return {user_id: frozenset(codes) for user_id, codes in found.items()}


def _applicants(applications: Iterable[Application]) -> dict[int, list[int]]:
    return {a.pk: [a.applicant_id, *(o.pk for o in a.co_applicants.all())] for a in applications}


def _declared(call: Call) -> list[tuple[int, int]]:
    through = Declaration.related_organisations.through
    return list(
        through.objects.filter(declaration__call=call).values_list(
            "declaration__reviewer_id", "organisation_id"
        )
    )


def forbidden_for(call: Call, applications: list[Application], reviewers: list[User]):
    """{(application id, reviewer id): ties} from the directory, declarations and abstentions."""
    abstained = ReviewAssignment.objects.filter(
        application__in=applications, status=ReviewAssignment.Status.ABSTAINED
    ).values_list("application_id", "reviewer_id")
    return conflicts.forbidden_pairs(
        _applicants(applications),
        reviewers,
        declared=_declared(call),
        declared_on_application=list(abstained),
    )


def _notify_assigned(reviewer_ids: Iterable[int], call: Call) -> None:
    counts: dict[int, int] = defaultdict(int)
    for rid in reviewer_ids:
        counts[rid] += 1
    for reviewer in User.objects.filter(pk__in=list(counts)):
        notify(
            "reviews_assigned",
            [reviewer],
            {"call": call, "count": counts[reviewer.pk]},
            link=QUEUE,
        )


@transaction.atomic
def assign_reviewers(*, call: Call, by: Any) -> AssignmentReport:
    """Give each application in expert review its K reviewers (keeping those it has)."""
    require(permissions.may_manage_reviews(by, call))
    # One run per call at a time: a second click waits, then finds the places filled.
    call = Call.objects.select_for_update().select_related("programme").get(pk=call.pk)
    k = call.reviewers_per_application
    applications = list(
        call.applications.filter(stage=REVIEW_STAGE)
        .prefetch_related("co_applicants")
        .order_by("id")
    )
    report = AssignmentReport()
    if not applications or k == 0:
        return report
    existing = list(
        ReviewAssignment.objects.filter(application__call=call).values_list(
            "application_id", "reviewer_id", "status"
        )
    )
    active_per_app: dict[int, int] = defaultdict(int)
    load: dict[int, int] = defaultdict(int)
    for app_id, reviewer_id, status in existing:
        if status in ACTIVE:
            active_per_app[app_id] += 1
            load[reviewer_id] += 1
    pool = reviewers_pool()
    expertise = expertise_of(r.pk for r in pool)
    tied = forbidden_for(call, applications, pool)
    report.excluded = len(tied)
    forbidden = set(tied) | {(a, r) for a, r, _status in existing}
    candidates = [
        Candidate(a.pk, a.classification_id or "", places=k - active_per_app[a.pk])
        for a in applications
    ]
    experts = [
        Reviewer(r.pk, expertise.get(r.pk, frozenset()), max(0, call.max_per_reviewer - load[r.pk]))
        for r in pool
    ]
    result = assign(candidates, experts, per_application=k, forbidden=forbidden)
    report.short = dict(result.short)
    by_id = {a.pk: a for a in applications}
    rows = [
        ReviewAssignment(
            application_id=app_id,
            reviewer_id=rid,
            assigned_by=by if getattr(by, "pk", None) else None,
            fit=expertise_fit(by_id[app_id].classification_id or "", expertise.get(rid, ())),
        )
        for app_id, chosen in result.reviewers.items()
        for rid in chosen
    ]
    ReviewAssignment.objects.bulk_create(rows)
    report.created = len(rows)
    names = dict(
        User.objects.filter(pk__in={r.reviewer_id for r in rows}).values_list("pk", "username")
    )
    per_app: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        per_app[row.application_id].append(names[row.reviewer_id])
    for app_id, usernames in per_app.items():
        audit_record(
            actor=by, action=ASSIGN, instance=by_id[app_id], changes={"reviewers": [[], usernames]}
        )
    _notify_assigned((r.reviewer_id for r in rows), call)
    return report


def _locked(assignment: ReviewAssignment) -> ReviewAssignment:
    return (
        ReviewAssignment.objects.select_for_update()
        .select_related("application__call__programme", "reviewer")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def reassign(*, assignment: ReviewAssignment, to: User, by: Any) -> ReviewAssignment:
    """Staff give an application to another reviewer in place of this one."""
    current = _locked(assignment)
    application = current.application
    require(permissions.may_manage_reviews(by, application.call))
    if current.status == ReviewAssignment.Status.SUBMITTED:
        raise ValidationError(_("This reviewer has already submitted the review."))
    if current.status == ReviewAssignment.Status.REMOVED:
        raise ValidationError(_("This application was already given to another reviewer."))
    if not permissions.is_reviewer(to):
        raise ValidationError({"reviewer": _("Choose an expert reviewer.")})
    taken = ReviewAssignment.objects.filter(application=application, reviewer=to)
    if taken.filter(status__in=ACTIVE).exists():
        raise ValidationError({"reviewer": _("This reviewer already reviews this application.")})
    ties = forbidden_for(application.call, [application], [to]).get((application.pk, to.pk))
    if ties or taken.filter(status=ReviewAssignment.Status.ABSTAINED).exists():
        reasons = ", ".join(str(t.label) for t in ties or [conflicts.Tie.DECLARED])
        raise ValidationError(
            {
                "reviewer": _("Conflict of interest: the reviewer %(reasons)s.")
                % {"reasons": reasons}
            }
        )
    load = ReviewAssignment.objects.filter(
        application__call=application.call, reviewer=to, status__in=ACTIVE
    ).count()
    if load >= application.call.max_per_reviewer:
        raise ValidationError(
            {"reviewer": _("This reviewer already has as many applications as the call allows.")}
        )
    now = timezone.now()
    ReviewAssignment.objects.filter(pk=current.pk).update(
        status=ReviewAssignment.Status.REMOVED, updated_at=now
    )
    fit = 0
    expertise = expertise_of([to.pk]).get(to.pk)
    if expertise:
        fit = expertise_fit(application.classification_id or "", expertise)
    new, created = ReviewAssignment.objects.get_or_create(
        application=application,
        reviewer=to,
        defaults={"assigned_by": by, "fit": fit},
    )
    if not created:
        ReviewAssignment.objects.filter(pk=new.pk).update(
            status=ReviewAssignment.Status.ASSIGNED, assigned_by=by, updated_at=now
        )
        new.refresh_from_db()
    audit_record(
        actor=by,
        action=REASSIGN,
        instance=application,
        changes={"reviewer": [current.reviewer.username, to.username]},
    )
    _notify_assigned([to.pk], application.call)
    return new


@transaction.atomic
def abstain(*, assignment: ReviewAssignment, by: Any, reason: str) -> ReviewAssignment:
    """The reviewer declares a conflict of interest and gives the application back."""
    current = _locked(assignment)
    require(permissions.may_review(by, current))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what ties you to the applicant.")})
    ReviewAssignment.objects.filter(pk=current.pk).update(
        status=ReviewAssignment.Status.ABSTAINED,
        abstain_reason=reason[:2000],
        updated_at=timezone.now(),
    )
    current.refresh_from_db()
    audit_record(actor=by, action=ABSTAIN, instance=current.application, note=reason)
    return current


@transaction.atomic
def accept_declaration(
    *, call: Call, by: Any, related_organisations: Iterable[int] = ()
) -> Declaration:
    """The reviewer signs the call's declaration (once; later relations are added to it)."""
    require(permissions.may_declare(by, call))
    declaration, created = Declaration.objects.get_or_create(
        call=call,
        reviewer=by,
        defaults={"accepted_at": timezone.now(), "language": translation.get_language() or ""},
    )
    related = [int(o) for o in related_organisations]
    if related:
        declaration.related_organisations.add(*related)
    if created:
        audit_record(
            actor=by,
            action=DECLARE,
            instance=call,
            changes={"related_organisations": [[], related]},
        )
    return declaration


def _review_errors(call: Call, scores: Any, recommendation: str) -> dict[str, str]:
    errors = {
        f"scores.{key}" if key else "scores": message
        for key, message in scoring.check_scores(scoring.review_form_of(call), scores)
    }
    if recommendation not in scoring.Recommendation.values:
        errors["recommendation"] = _("Choose a recommendation: yes, maybe or no.")
    return errors


@transaction.atomic
def submit_review(
    *,
    assignment: ReviewAssignment,
    by: Any,
    scores: Any,
    recommendation: str,
    comment_for_staff: str = "",
    comment_for_reviewers: str = "",
    comment_for_applicant: str = "",
) -> Review:
    """Submit the reviewer's review; a second click (or a second tab) finds it submitted."""
    current = _locked(assignment)
    if current.status == ReviewAssignment.Status.SUBMITTED and current.reviewer_id == by.pk:
        return current.review  # the first request already submitted it: one submission
    require(permissions.may_review(by, current))
    call = current.application.call
    errors = _review_errors(call, scores, recommendation)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    score = scoring.shown(scoring.weighted_mean(scoring.review_form_of(call), scores))
    try:
        with transaction.atomic():
            review = Review.objects.create(
                assignment=current,
                scores=scores,
                score=score,
                recommendation=recommendation,
                comment_for_staff=comment_for_staff[:10000],
                comment_for_reviewers=comment_for_reviewers[:10000],
                comment_for_applicant=comment_for_applicant[:10000],
                submitted_at=now,
            )
    except IntegrityError:  # pragma: no cover - the row lock makes this a safety net
        return Review.objects.get(assignment=current)
    ReviewAssignment.objects.filter(pk=current.pk).update(
        status=ReviewAssignment.Status.SUBMITTED, updated_at=now
    )
    audit_record(
        actor=by,
        action=REVIEW,
        instance=current.application,
        changes={"score": [None, score], "recommendation": [None, recommendation]},
    )
    return review


@transaction.atomic
def set_expertise(*, user: User, codes: Iterable[str], by: Any) -> ReviewerProfile:
    """Staff (or the reviewer) record the classes a reviewer knows."""
    from wenchuang.accounts import roles

    if not (getattr(by, "pk", None) == user.pk or roles.is_centre_staff(by)):
        require(deny(_("Only the reviewer and centre staff may change this.")))
    profile, _created = ReviewerProfile.objects.get_or_create(user=user)
    profile.expertise.set(list(codes))  # type: ignore[arg-type]  # codes are the keys
    return profile
