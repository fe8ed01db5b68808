"""Background tasks of investment promotion: a matchmaking run, with its progress stored."""

from __future__ import annotations

from django_tasks import task

from .matching.run import run_matching


@task()
def run_matching_task(run_id: int) -> dict:
    run = run_matching(run_id)
    return {"status": run.status, "matches": run.matches}
