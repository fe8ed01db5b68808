"""Background tasks of the directory: running an uploaded bulk import with visible progress."""

from __future__ import annotations

import datetime
import logging
import os
import socket
import time

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .importing import KINDS, discard_staged, import_file
from .models import ImportJob

logger = logging.getLogger(__name__)

# The staff page polls the job; writing more often than this only slows the import down.
PROGRESS_MIN_SECONDS = 0.5
# A running import touches its job at least this often, even when the percentage stands
# still (a slow batch waiting for the lock), so that a live job never looks dead.
HEARTBEAT_SECONDS = 15
# A "running" job whose heartbeat is older than this lost its worker.
STALE_AFTER = datetime.timedelta(minutes=3)
# Rejected rows kept on the job row itself; a last entry counts the rest.
MAX_STORED_ERRORS = 1000


class _JobProgress:
    """Turns the importer's steps (each row checked, then written) into the job's row counts."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.rows = 0
        self.percent = -1
        self.at = 0.0

    def __call__(self, steps: int, total_steps: int) -> None:
        if not self.rows:
            self.rows = total_steps // 2
        percent = 100 * steps // total_steps if total_steps else 100
        now = time.monotonic()
        beat_due = now - self.at >= HEARTBEAT_SECONDS
        if not beat_due and (
            percent == self.percent or (now - self.at < PROGRESS_MIN_SECONDS and percent < 100)
        ):
            return
        self.percent, self.at = percent, now
        ImportJob.objects.filter(pk=self.job_id).update(
            total_rows=self.rows,
            processed_rows=self.rows * percent // 100,
            heartbeat_at=timezone.now(),
        )


def _entry(code: str, **params) -> dict:
    return {"line": 0, "column": "", "code": code, "params": params}


@task()
def run_import_job(job_id: int, partial: bool = False) -> dict:
    job = ImportJob.objects.get(pk=job_id)
    started = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now(), counts={"runner": _runner()}
    )
    if not started:  # failed as stale meanwhile, or run twice
        return {"imported": 0, "errors": 0}
    progress = _JobProgress(job_id)
    try:
        result = import_file(
            job.record_type,
            job.file_path,
            partial=partial,
            by=job.created_by,
            file_name=job.file_name,
            on_progress=progress,
        )
    except Exception as exc:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED,
            errors=[_entry("stopped", error=str(exc)[:300])],
            finished_at=timezone.now(),
        )
        raise
    errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    if len(result.errors) > MAX_STORED_ERRORS:
        errors.append(_entry("more", count=len(result.errors) - MAX_STORED_ERRORS))
    rows = result.rows or progress.rows
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.SUCCEEDED if result.committed else ImportJob.Status.FAILED,
        total_rows=rows,
        processed_rows=rows,
        imported_rows=result.imported,
        counts={
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "encoding": result.encoding,
        },
        errors=errors,
        finished_at=timezone.now(),
    )
    return {"imported": result.imported, "errors": len(result.errors)}


def _runner() -> str:
    """This process, as "host:pid": a worker on the same host can tell whether it still runs."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _dead_here(runner: str) -> bool:
    host, _, pid = runner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def fail_stale_jobs(now: datetime.datetime | None = None) -> int:
    """Fail the "running" jobs whose worker died, and remove what they had staged.

    A job is dead when its worker process on this host is gone, or when its heartbeat has
    stopped for STALE_AFTER (a worker on another host). Called when a worker starts and
    when a job's page is shown: without it a job whose worker was killed stays "running"
    and its page polls for ever.
    """
    now = now or timezone.now()
    running = ImportJob.objects.filter(status=ImportJob.Status.RUNNING)
    stale = Q(heartbeat_at__lt=now - STALE_AFTER) | Q(
        heartbeat_at__isnull=True, created_at__lt=now - STALE_AFTER
    )
    # Read first and write only when a job is dead: job pages call this on every poll.
    dead = set(running.filter(stale).values_list("pk", flat=True))
    dead |= {
        pk
        for pk, counts in running.values_list("pk", "counts")
        if _dead_here((counts or {}).get("runner", ""))
    }
    if not dead:
        return 0
    failed = running.filter(pk__in=dead).update(
        status=ImportJob.Status.FAILED,
        errors=[_entry("worker_lost")],
        finished_at=now,
    )
    if failed:
        logger.warning("Failed %d import job(s) whose worker stopped.", failed)
    if failed and not ImportJob.objects.filter(status=ImportJob.Status.RUNNING).exists():
        for kind in KINDS:
            discard_staged(kind)
    return failed


def on_worker_ready(**kwargs) -> None:
    fail_stale_jobs()
