"""Periodic work: jobs registered by name with an interval; each run enqueues the next one.

A domain registers a plain function once (`register_periodic("membership_upkeep",
every=timedelta(days=1), run=send_renewal_reminders)`); `schedule_start()` (run by
`manage.py worker` and `make demo`) queues the first run of every job that has none
waiting, and each run queues its successor with `run_after`, through django-tasks' database
backend. Nothing besides the worker is needed; `manage.py schedule run NAME` runs one job
now, for a cron entry instead. Jobs must be safe to run twice (two workers starting at the
same moment may both run a job once); the chain then shrinks back to one.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: datetime.timedelta
    run: Callable[[], Any]


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(name: str, *, every: datetime.timedelta, run: Callable[[], Any]) -> None:
    """Declare that `run()` is to be called every `every` once a worker runs."""
    if every <= datetime.timedelta(0):
        raise ValueError("a periodic job needs a positive interval")
    _JOBS[name] = PeriodicJob(name=name, every=every, run=run)


def periodic_jobs() -> dict[str, PeriodicJob]:
    return dict(_JOBS)


def _waiting_runs(name: str):
    """Queued, not yet started runs of a job, or None when the backend keeps no queue."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(run_periodic_job.get_backend(), DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        task_path=run_periodic_job.module_path,
        status=TaskResultStatus.READY,
        args_kwargs__args__0=name,
    )


def _enqueue_next(job: PeriodicJob) -> bool:
    """Queue the job's next run after its interval, unless one is already waiting."""
    if not run_periodic_job.get_backend().supports_defer:
        logger.info("tasks backend cannot defer: %s is not rescheduled", job.name)
        return False
    waiting = _waiting_runs(job.name)
    if waiting is not None and waiting.exists():
        return False
    run_periodic_job.using(run_after=timezone.now() + job.every).enqueue(job.name)
    return True


@task()
def run_periodic_job(name: str) -> Any:
    """Run one periodic job, having first queued its next run (so a failure skips one run only)."""
    job = _JOBS.get(name)
    if job is None:
        # Unregistered since it was queued: the chain ends here.
        logger.warning("periodic job %r is not registered; not run", name)
        return None
    _enqueue_next(job)
    return job.run()


def schedule_start() -> list[str]:
    """Queue a run now for every registered job that has no run waiting; idempotent.

    Returns the names of the jobs started.
    """
    started = []
    for name in sorted(_JOBS):
        waiting = _waiting_runs(name)
        if waiting is not None and waiting.exists():
            continue
        run_periodic_job.enqueue(name)
        started.append(name)
    return started


def next_runs() -> dict[str, datetime.datetime | None]:
    """When each job runs next (None: nothing queued, or the backend keeps no queue)."""
    result: dict[str, datetime.datetime | None] = {}
    for name in sorted(_JOBS):
        waiting = _waiting_runs(name)
        first = waiting.order_by("run_after").first() if waiting is not None else None
        result[name] = first.run_after if first else None
    return result
