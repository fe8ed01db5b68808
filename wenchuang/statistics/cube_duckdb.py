"""The cube's full rebuild on SQLite: summed by DuckDB, written to a new table, swapped in whole.

SQLite sums by sorting, one group-by at a time; DuckDB reads the same file (its
sqlite_scanner extension, installed from PyPI) and sums in parallel hash tables. The cells are
computed by the same SELECTs as the in-database build (`cube.base_statements`,
`cube.roll_up_selects`, `cube.national_select`), written in key order into a fresh table that
has the cube's exact definition, and swapped for the old one in one short transaction — the
indexes are built once, in bulk, instead of being updated row by row (decision 0029).

Only a full rebuild of a file database, outside any transaction, goes this way: an
incremental update touches a few provinces and stays in the database; a test database in
memory, or pending writes in the caller's transaction, are invisible to a second reader.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from . import cube
from .models import CubeCell, Period, ReturnValue, StatReturn

logger = logging.getLogger(__name__)

# DuckDB may use this much memory before spilling to disk (the ceiling is 4 GB).
MEMORY_LIMIT = "3GB"


class Unavailable(Exception):
    """DuckDB or its SQLite extension is not installed."""


def _extension() -> Path:
    try:
        import duckdb_extension_sqlite_scanner as package
    except ImportError as exc:
        raise Unavailable("duckdb-extension-sqlite-scanner is not installed") from exc
    found = sorted((Path(package.__file__).parent / "extensions").glob("*/sqlite_scanner.*"))
    if not found:
        raise Unavailable("the sqlite_scanner extension file is missing")
    return found[-1]


def database_file(database: BaseDatabaseWrapper) -> str | None:
    """The SQLite file a rebuild can read through DuckDB, or None to build in the database."""
    if database.vendor != "sqlite" or database.in_atomic_block:
        return None
    name = str(database.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name or not Path(name).is_file():
        return None
    try:
        import duckdb  # noqa: F401

        _extension()
    except (ImportError, Unavailable):
        return None
    return name


def _connect(path: str) -> sqlite3.Connection:
    raw = sqlite3.connect(path, timeout=settings.LOCK_TIMEOUT_MS / 1000, isolation_level=None)
    raw.execute(f"PRAGMA busy_timeout={int(settings.LOCK_TIMEOUT_MS)}")
    return raw


# A table constraint as Django writes it for a UniqueConstraint on SQLite.
INLINE_UNIQUE = re.compile(r', CONSTRAINT "(?P<name>[^"]+)" UNIQUE \((?P<columns>[^)]*)\)')


def _schema(raw: sqlite3.Connection, table: str, fresh: str) -> tuple[str, list[str]]:
    """The fresh table's CREATE statement, and the indexes to build once it is filled.

    The fresh table is the cube's definition under another name, without its unique
    constraint: that becomes a unique index of the same name and columns, built in bulk
    after the rows are in (SQLite sorts once instead of inserting 1.7 M keys one by one).
    """
    (create,) = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    indexes = [
        f'CREATE UNIQUE INDEX "{m["name"]}" ON "{table}" ({m["columns"]})'
        for m in INLINE_UNIQUE.finditer(create)
    ]
    indexes += [
        sql
        for (sql,) in raw.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
    ]
    create = INLINE_UNIQUE.sub("", create)
    return re.sub(rf'"{table}"', f'"{fresh}"', create, count=1), indexes


def job(path: str, target: str | None, now: str) -> dict:
    """What the worker needs: the same SELECTs as the in-database build, for DuckDB."""
    rv, sr = f"s.{ReturnValue._meta.db_table}", f"s.{StatReturn._meta.db_table}"
    stamp = f"'{now}'"  # the ORM's own text of a moment: digits, '-', ':', '.', ' '
    return {
        "path": path,
        "target": target,
        "memory_limit": MEMORY_LIMIT,
        "base": [
            (sql.replace("%s", "?"), params) for sql, params in cube.base_statements(rv, sr, [], [])
        ],
        "source_columns": cube.SOURCE_COLUMNS,
        "source_rows": [
            [float(v) if isinstance(v, Decimal) else v for v in row]
            for row in cube.source_rows(Period.objects.all(), None)
        ],
        "roll_ups": [sql.replace("%s", stamp) for sql in cube.roll_up_selects("base")],
        "national": cube.national_select("cells").replace("%s", stamp),
        "columns": cube.CELL_COLUMNS,
    }


def run_worker(work: dict) -> int:
    """Run the worker in a process of its own; the number of cells."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "wenchuang.statistics.cube_duckdb_worker"],
        input=json.dumps(work),
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the cube's DuckDB worker failed: {done.stderr.strip()[-2000:]}")
    return int(json.loads(done.stdout)["cells"])


def rebuild(path: str) -> tuple[int, int]:
    """Every cell again, from the values committed in `path`: (cells, quarters)."""
    table = CubeCell._meta.db_table
    fresh = f"{table}__next_{secrets.token_hex(4)}"
    raw = _connect(path)
    try:
        # Wait for a writer in progress: what it commits is read below; anything later is
        # stamped after `moment` and picked up by the next incremental update.
        raw.execute("BEGIN IMMEDIATE")
        moment = timezone.now()
        raw.execute("COMMIT")
        create, indexes = _schema(raw, table, fresh)
        raw.execute(create)
        now = str(connection.ops.adapt_datetimefield_value(moment))  # as the ORM writes it
        count = run_worker(job(path, fresh, now))
        # The swap: readers keep the old table until it commits (WAL).
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(f'DROP TABLE "{table}"')
        raw.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        for sql in indexes:
            raw.execute(sql)
        raw.execute("COMMIT")
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raw.execute(f'DROP TABLE IF EXISTS "{fresh}"')
        raise
    finally:
        raw.close()
    quarters = Period.objects.count()
    logger.info("cube rebuilt by DuckDB: %s cells, %s quarters", count, quarters)
    return count, quarters
