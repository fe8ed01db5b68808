"""Keeps the query planner's statistics current (ANALYZE), so that searches are planned on facts.

Without statistics SQLite guessed that scanning published records and running the full-text
match once per record was cheap: minutes per search on 200,000 records (issue 5). Statistics
are refreshed after migrate, after imports and demo data, and every few hours as a periodic
job of the worker (core.scheduling). All of it goes through `refresh_planner_statistics`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

from wenchuang.core.busy import is_database_busy
from wenchuang.core.scheduling import register_periodic

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


def after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: statistics for the tables just created or changed."""
    refresh_planner_statistics(using)


# Rows change between imports too (staff edits, the API): the worker refreshes them regularly.
register_periodic("planner_statistics", every=REFRESH_EVERY, run=refresh_planner_statistics)
