"""Running the meeting scheduler for an event: one run at a time, in the background."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Hashable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.permissions import require

from .. import permissions, scheduler
from ..models import (
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Registration,
    SchedulingRun,
)
from ..workflows import SCHEDULE

logger = logging.getLogger(__name__)

# A run whose worker died stops blocking new runs after this long.
STALE_AFTER = dt.timedelta(minutes=15)
# CP-SAT's share of a run; the benchmark's conference takes it whole.
TIME_LIMIT_SECONDS = 20.0


@transaction.atomic
def scheduling_start(*, event: Event, by: Any) -> SchedulingRun:
    """Queue a run; while one is queued or running, a second organiser's click is refused."""
    require(permissions.can_organise(by, event))
    if not event.meetings:
        raise ValidationError(_("This event has no 1:1 meetings."))
    SchedulingRun.objects.filter(
        event=event, status__in=SchedulingRun.ACTIVE, created_at__lt=timezone.now() - STALE_AFTER
    ).update(status=SchedulingRun.Status.FAILED, message="stale")
    try:
        with transaction.atomic():
            run = SchedulingRun.objects.create(event=event, started_by=by)
    except IntegrityError as exc:
        raise ValidationError(
            _("The scheduler is already running for this event; wait for its result.")
        ) from exc
    audit_record(actor=by, action=SCHEDULE, instance=event)
    from ..tasks import run_scheduler

    transaction.on_commit(lambda: run_scheduler.enqueue(run.pk))
    return run


def build_problem(event: Event) -> scheduler.Problem:
    """The scheduler's problem from the database: accepted requests between approved people."""
    approved = Registration.Status.APPROVED
    requests = [
        scheduler.Request(r.pk, r.requester_id, r.recipient_id, r.must_meet)
        for r in MeetingRequest.objects.filter(
            event=event,
            status=MeetingRequest.Status.ACCEPTED,
            requester__status=approved,
            recipient__status=approved,
        ).order_by("created_at", "pk")
    ]
    slots = list(MeetingSlot.objects.filter(event=event).order_by("starts_at"))
    availability: dict[Hashable, list[Hashable]] = {}
    for registration_id, slot_id in Availability.objects.filter(
        registration__event=event, registration__status=approved
    ).values_list("registration_id", "slot_id"):
        availability.setdefault(registration_id, []).append(slot_id)
    tables = list(MeetingTable.objects.filter(event=event).order_by("pk"))
    online = [t.pk for t in tables if t.kind == MeetingTable.Kind.ONLINE]
    on_site = [t.pk for t in tables if t.kind != MeetingTable.Kind.ONLINE]
    fixed = [
        scheduler.Placement(m.request_id, m.slot_id, m.table_id)
        for m in Meeting.objects.filter(
            event=event,
            status__in=[Meeting.Status.CONFIRMED, Meeting.Status.HELD],
            request__status=MeetingRequest.Status.ACCEPTED,
        )
    ]
    return scheduler.Problem(
        requests=requests,
        slots=[s.pk for s in slots],
        availability=availability,
        tables={s.pk: (online if s.online else on_site) for s in slots},
        fixed=fixed,
    )


class _Progress:
    """Writes the run's percentage, at most twice a second, from the worker's own thread.

    CP-SAT reports solutions from its search threads; a write from there would open another
    database connection beside the worker's transaction, so those reports are skipped.
    """

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.at = 0.0
        self.thread = threading.get_ident()

    def __call__(self, percent: int) -> None:
        if threading.get_ident() != self.thread:
            return
        now = time.monotonic()
        if now - self.at < 0.5 and percent < 95:
            return
        self.at = now
        SchedulingRun.objects.filter(pk=self.run_id).update(progress=min(99, percent))


def scheduling_run(run_id: int, *, time_limit: float = TIME_LIMIT_SECONDS) -> SchedulingRun:
    """The worker's side: solve, then replace the event's unconfirmed meetings in one go."""
    started = SchedulingRun.objects.filter(pk=run_id, status=SchedulingRun.Status.QUEUED).update(
        status=SchedulingRun.Status.RUNNING, progress=1
    )
    run = SchedulingRun.objects.select_related("event").get(pk=run_id)
    if not started:
        return run
    try:
        problem = build_problem(run.event)
        result = scheduler.schedule(problem, time_limit=time_limit, progress=_Progress(run_id))
        _apply(run, result)
    except Exception as exc:
        logger.exception("scheduler run %s failed", run_id)
        SchedulingRun.objects.filter(pk=run_id).update(
            status=SchedulingRun.Status.FAILED, finished_at=timezone.now(), message=str(exc)[:500]
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def _apply(run: SchedulingRun, result: scheduler.Schedule) -> None:
    event = run.event
    kept = {
        m.request_id
        for m in Meeting.objects.filter(
            event=event, status__in=[Meeting.Status.CONFIRMED, Meeting.Status.HELD]
        )
    }
    # Unconfirmed meetings are the scheduler's to move; cancelled ones make way for new ones.
    Meeting.objects.filter(event=event).exclude(request_id__in=kept).delete()
    Meeting.objects.bulk_create(
        [
            Meeting(
                event=event,
                request_id=cast(int, p.request),
                slot_id=cast(int, p.slot),
                table_id=cast(int, p.table),
                run=run,
            )
            for p in result.placements
            if p.request not in kept
        ],
        batch_size=500,
    )
    SchedulingRun.objects.filter(pk=run.pk).update(
        status=SchedulingRun.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
        requests=result.placed + len(result.unplaced),
        placed=result.placed,
        must_placed=result.must_placed,
        must_total=result.must_total,
        kept=result.kept,
        unplaced=[
            {"request": rid, "reason": reason}
            for rid, reason in sorted(result.unplaced.items(), key=lambda kv: str(kv[0]))
        ][:1000],
        message=result.solver,
    )
