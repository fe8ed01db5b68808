"""Background tasks of events: the meeting scheduler's runs."""

from __future__ import annotations

from django_tasks import task


@task()
def run_scheduler(run_id: int) -> dict:
    from .services.scheduling import scheduling_run

    run = scheduling_run(run_id)
    return {"status": run.status, "placed": run.placed}
