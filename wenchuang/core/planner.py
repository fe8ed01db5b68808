"""Keeps the query planner's statistics current (ANALYZE), so that searches are planned on facts.

Without statistics SQLite guessed that scanning published records and running the full-text
match once per record was cheap: minutes per search on 200,000 records (issue 5). Statistics
are refreshed after migrate, after imports and demo data, and every few hours by a task that
re-enqueues itself. All of it goes through `refresh_planner_statistics`, one function, so
that a general scheduler can take over the periodic part.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.utils import timezone
from django_tasks import task

from wenchuang.core.busy import is_database_busy

log = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(hours=6)
# Rows ANALYZE reads per index on SQLite when not thorough: approximate statistics in
# milliseconds however large the table, which is what the planner needs to choose.
SAMPLE_ROWS = 1000


def refresh_planner_statistics(using: str = DEFAULT_DB_ALIAS, *, thorough: bool = False) -> None:
    """Run ANALYZE on the database `using` (on SQLite sampled unless `thorough`)."""
    conn = connections[using]
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            cursor.execute(f"PRAGMA analysis_limit={0 if thorough else SAMPLE_ROWS}")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA analysis_limit=0")
    elif conn.vendor == "postgresql":
        # ANALYZE samples by itself. It waits for autovacuum's own ANALYZE of a table, which
        # is refreshing the same statistics: past the lock timeout, leave it that work.
        try:
            with transaction.atomic(using=using), conn.cursor() as cursor:
                cursor.execute("ANALYZE")
        except OperationalError as error:
            if not is_database_busy(error):
                raise
            log.info("planner statistics on %s left to autovacuum (busy)", using)
            return
    log.info("planner statistics refreshed on %s", using)


@task()
def refresh_planner_statistics_task() -> None:
    """Refresh the statistics, then come back in REFRESH_EVERY (a small self-scheduling task)."""
    refresh_planner_statistics()
    _enqueue_next()


def _enqueue_next() -> None:
    backend = refresh_planner_statistics_task.get_backend()
    if backend.supports_defer:  # an immediate backend would loop forever
        refresh_planner_statistics_task.using(run_after=timezone.now() + REFRESH_EVERY).enqueue()


def ensure_scheduled() -> None:
    """Enqueue the periodic refresh unless one is already waiting in the task queue."""
    backend = refresh_planner_statistics_task.get_backend()
    if not backend.supports_defer:
        return
    try:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it keeps its own queue
        _enqueue_next()
        return
    path = refresh_planner_statistics_task.module_path
    if not DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=path).exists():
        _enqueue_next()


def after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: statistics for the tables just created or changed, and the schedule."""
    refresh_planner_statistics(using)
    if using == DEFAULT_DB_ALIAS:
        ensure_scheduled()
