"""A time limit for the queries of one search or list read, on SQLite and on PostgreSQL.

A search that the database plans badly, or a visitor who types a pathological query, must
not hold a web worker (and a core) for minutes: issue 5 saw `q=s` run for over 300 s and
keep the CPU after the client had gone. Inside `query_time_limit()` every statement stops
after the limit and raises `QueryTimeout`, which pages and the API turn into a message.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

# SQLite calls the progress handler every this many virtual-machine steps (~0.1 ms of work):
# often enough to stop on time, rarely enough to cost nothing measurable.
PROGRESS_STEPS = 10_000
DEFAULT_LIMIT_MS = 5000


# A read stopped by the time limit is worth retrying only once the load has passed.
RETRY_AFTER_SECONDS = 30


class QueryTimeout(Exception):
    """A statement ran past the time limit and was stopped by the database."""


def limit_ms() -> int:
    return int(getattr(settings, "QUERY_TIME_LIMIT_MS", DEFAULT_LIMIT_MS))


@contextmanager
def query_time_limit(ms: int | None = None, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Stop any statement that runs past `ms` milliseconds (the setting QUERY_TIME_LIMIT_MS).

    0 or less means no limit, on both backends (as PostgreSQL's statement_timeout = 0).

    SQLite: a progress handler interrupts the statement once the deadline has passed (the
    whole block shares one deadline). PostgreSQL: `statement_timeout`, set locally inside a
    savepoint, so that a cancelled statement leaves the connection and any outer
    transaction usable.
    """
    ms = limit_ms() if ms is None else ms
    conn = connections[using]
    if ms <= 0:
        yield
        return
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        with _postgresql_limit(conn, ms):
            yield
        return
    if conn.vendor != "sqlite":
        yield
        return
    deadline = time.monotonic() + ms / 1000
    raw = conn.connection
    raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    try:
        yield
    except OperationalError as exc:
        # Interrupted while a connection first opens a full-text table, SQLite says
        # "vtable constructor failed" instead: past the deadline it is the same timeout.
        past = time.monotonic() > deadline
        if "interrupted" in str(exc) or (past and "vtable constructor failed" in str(exc)):
            raise QueryTimeout(str(exc)) from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


@contextmanager
def _postgresql_limit(conn, ms: int) -> Iterator[None]:
    from psycopg.errors import QueryCanceled

    try:
        with transaction.atomic(using=conn.alias):
            outer = conn.in_atomic_block and len(conn.atomic_blocks) > 1
            with conn.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), "
                    "set_config('statement_timeout', %s, true)",
                    [str(ms)],
                )
                before = cursor.fetchone()[0]
            yield
            if outer:  # an outer transaction goes on with its own limit
                with conn.cursor() as cursor:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
    except OperationalError as exc:
        if isinstance(exc.__cause__, QueryCanceled):
            raise QueryTimeout(str(exc)) from exc
        raise
