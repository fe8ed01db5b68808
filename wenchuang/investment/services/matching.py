"""Matchmaking writes: asking for a run (in the background), and an investor's feedback."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenchuang.core.permissions import require

from .. import permissions
from ..models import InvestorProfile, MatchFeedback, MatchRun, Project


def matching_request(*, by: Any) -> MatchRun:
    """Queue a run (or return the one already waiting); the worker computes it."""
    require(permissions.can_run_matching(by))
    from ..tasks import run_matching_task

    with transaction.atomic():
        waiting = MatchRun.objects.filter(
            status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
        ).first()
        if waiting is not None:
            return waiting
        run = MatchRun.objects.create(requested_by=by)
    run_matching_task.enqueue(run.pk)
    run.refresh_from_db()
    return run


@transaction.atomic
def feedback_give(
    *, profile: InvestorProfile, project: Project, interested: bool, by: Any
) -> MatchFeedback:
    """An investor's "interested" / "not interested": the next run follows it."""
    require(permissions.can_edit_profile(by, profile.investor))
    if not project.is_public:
        raise ValidationError({"project": _("This project is not published.")})
    feedback, _created = MatchFeedback.objects.update_or_create(
        profile=profile, project=project, defaults={"interested": interested, "by": by}
    )
    return feedback
