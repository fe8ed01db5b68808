"""Background tasks of the directory: running an uploaded bulk import with visible progress."""

from __future__ import annotations

import time

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .importing import import_file
from .models import ImportJob

# The staff page polls the job; writing more often than this only slows the import down.
PROGRESS_MIN_SECONDS = 0.5
# Rejected rows kept on the job row itself; a last entry counts the rest.
MAX_STORED_ERRORS = 1000


class _JobProgress:
    """Turns the importer's steps (each row checked, then written) into the job's row counts.

    The writing pass runs inside the import transaction, so other connections see the
    checking half move and then the job finish at once; the bar never claims that rows are
    saved before they are.
    """

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
        if percent == self.percent or (now - self.at < PROGRESS_MIN_SECONDS and percent < 100):
            return
        self.percent, self.at = percent, now
        ImportJob.objects.filter(pk=self.job_id).update(
            total_rows=self.rows, processed_rows=self.rows * percent // 100
        )


@task()
def run_import_job(job_id: int, partial: bool = False) -> dict:
    job = ImportJob.objects.get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)
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
        reason = _("The import stopped: %(error)s") % {"error": exc}
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED,
            errors=[{"line": 0, "column": "", "reason": reason}],
            finished_at=timezone.now(),
        )
        raise
    errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    if len(result.errors) > MAX_STORED_ERRORS:
        more = len(result.errors) - MAX_STORED_ERRORS
        errors.append(
            {"line": 0, "column": "", "reason": _("… and %(count)d more.") % {"count": more}}
        )
    rows = result.rows or progress.rows
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.SUCCEEDED if result.committed else ImportJob.Status.FAILED,
        total_rows=rows,
        processed_rows=rows,
        imported_rows=result.imported,
        errors=errors,
        finished_at=timezone.now(),
    )
    return {"imported": result.imported, "errors": len(result.errors)}
