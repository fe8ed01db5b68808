"""The cube's full rebuild on SQLite: summed by DuckDB, written to a new table, swapped in whole.

SQLite sums by sorting, one group-by at a time; DuckDB reads the same file (its
sqlite_scanner extension, installed from PyPI) and sums in parallel hash tables. The cells are
computed by the same SELECTs as the in-database build (`cube.base_statements`,
`cube.roll_up_selects`, `cube.national_select`). The worker writes them a quarter at a time,
in the unique key's order, into small files that this process copies into a fresh table with
the cube's exact definition while the next quarter is written; one short transaction then
swaps the fresh table for the old one (decisions 0029, 0031).

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
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

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
    raw.execute("PRAGMA synchronous=NORMAL")  # as the site's connections (settings.py)
    # Debian's SQLite zeroes every freed page: dropping the old cube wrote it out once more
    # (2 s at 4 M cells). The cube holds sums of returns the database keeps anyway.
    raw.execute("PRAGMA secure_delete=FAST")
    return raw


def _schema(raw: sqlite3.Connection, table: str, fresh: str) -> tuple[str, list[str]]:
    """The fresh table's CREATE statement, and any indexes to build once it is swapped in.

    The fresh table is the cube's definition under another name, its unique constraint
    inline as Django wrote it: SQLite's index for it follows the table through the rename.
    The rows arrive in that key's order, so the index grows at its end like the table.
    """
    (create,) = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    indexes = [
        sql
        for (sql,) in raw.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
    ]
    return re.sub(rf'"{table}"', f'"{fresh}"', create, count=1), indexes


def key_order() -> str:
    """The cube's unique key as an ORDER BY: the order the cells are written in."""
    (constraint,) = CubeCell._meta.constraints
    return ", ".join(CubeCell._meta.get_field(f).column for f in constraint.fields)  # type: ignore[attr-defined]


CHUNK_COLUMNS = cube.CELL_COLUMNS.removesuffix(", computed_at")


def job(path: str, chunks: str | None, now: str) -> dict:
    """What the worker needs: the same SELECTs as the in-database build, for DuckDB."""
    rv, sr = f"s.{ReturnValue._meta.db_table}", f"s.{StatReturn._meta.db_table}"
    stamp = f"'{now}'"  # the ORM's own text of a moment: digits, '-', ':', '.', ' '
    return {
        "path": path,
        "chunks": chunks,
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
        "chunk_columns": CHUNK_COLUMNS,
        "order": key_order(),
    }


def _worker(errors: IO[bytes]) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "wenchuang.statistics.cube_duckdb_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,  # a file, read only on failure: a pipe could fill up and block it
        text=True,
        env=env,
        cwd=root,
    )


def run_worker(work: dict, on_chunk: Callable[[str], None] | None = None) -> int:
    """Run the worker in a process of its own, handing each file of cells to `on_chunk`.

    The number of cells. The worker is killed if `on_chunk` fails.
    """
    errors = tempfile.TemporaryFile()
    process = _worker(errors)
    cells = None
    try:
        assert process.stdin and process.stdout
        process.stdin.write(json.dumps(work))
        process.stdin.close()
        for line in process.stdout:
            message = json.loads(line)
            if "chunk" in message and on_chunk is not None:
                on_chunk(message["chunk"])
            cells = message.get("cells", cells)
        process.wait()
    except BaseException:
        process.kill()
        process.wait()
        errors.close()
        raise
    with errors:
        if process.returncode != 0 or cells is None:
            errors.seek(0)
            text = errors.read().decode(errors="replace").strip()[-2000:]
            raise RuntimeError(f"the cube's DuckDB worker failed: {text}")
    return int(cells)


@dataclass
class _Copier:
    """Copies each file of cells into the fresh table, stamped `now`, then deletes the file."""

    raw: sqlite3.Connection
    fresh: str
    now: str
    first: float | None = None  # when the first file came: DuckDB's sums were done
    busy: float = 0.0  # seconds spent copying

    def __call__(self, chunk: str) -> None:
        started = time.monotonic()
        self.first = self.first or started
        self.raw.execute("ATTACH DATABASE ? AS chunk", [chunk])
        try:
            # A transaction per quarter: the site's writers wait a moment, not the whole copy.
            self.raw.execute("BEGIN IMMEDIATE")
            self.raw.execute(
                f'INSERT INTO "{self.fresh}" ({CHUNK_COLUMNS}, computed_at) '
                f"SELECT {CHUNK_COLUMNS}, ? FROM chunk.cells",
                [self.now],
            )
            self.raw.execute("COMMIT")
        finally:
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
            self.raw.execute("DETACH DATABASE chunk")
            Path(chunk).unlink(missing_ok=True)
            self.busy += time.monotonic() - started


def _running(pid: str) -> bool:
    """Whether the process `pid` (from a fresh table's name) is alive on this machine."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def rebuild(path: str) -> tuple[int, int]:
    """Every cell again, from the values committed in `path`: (cells, quarters)."""
    table = CubeCell._meta.db_table
    fresh = f"{table}__next_{os.getpid()}_{secrets.token_hex(4)}"
    raw = _connect(path)
    try:
        # A rebuild that died half-way (its process killed) left its table behind; one that
        # is still running (another process on this machine) keeps its own.
        for (stale,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '!'",
            [f"{table}!_!_next!_%"],
        ).fetchall():
            if _running(stale.removeprefix(f"{table}__next_").split("_")[0]):
                continue
            raw.execute(f'DROP TABLE "{stale}"')
        # Wait for a writer in progress: what it commits is read below; anything later is
        # stamped after `moment` and picked up by the next incremental update.
        raw.execute("BEGIN IMMEDIATE")
        moment = timezone.now()
        raw.execute("COMMIT")
        create, indexes = _schema(raw, table, fresh)
        raw.execute(create)
        now = str(connection.ops.adapt_datetimefield_value(moment))  # as the ORM writes it
        started = time.monotonic()
        copier = _Copier(raw, fresh, now)
        # Beside the database: the files can add up to the cube's size when the copy lags,
        # and that disk has room for the cube (a temporary file system may not).
        with tempfile.TemporaryDirectory(prefix="cube-cells-", dir=Path(path).parent) as chunks:
            count = run_worker(job(path, chunks, now), copier)
        copied = time.monotonic()
        # The swap: readers keep the old table until it commits (WAL).
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(f'DROP TABLE "{table}"')
        dropped = time.monotonic()
        raw.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        for sql in indexes:
            raw.execute(sql)
        renamed = time.monotonic()
        raw.execute("COMMIT")
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raw.execute(f'DROP TABLE IF EXISTS "{fresh}"')
        raise
    finally:
        raw.close()
    quarters = Period.objects.count()
    summed = copier.first or copied
    logger.info(
        "cube rebuilt by DuckDB: %s cells, %s quarters; summed in %.1f s, written in %.1f s, "
        "swapped in %.1f s (copying %.1f s; dropping the old table %.1f s, renaming %.1f s)",
        count,
        quarters,
        summed - started,
        copied - summed,
        time.monotonic() - copied,
        copier.busy,
        dropped - copied,
        renamed - dropped,
    )
    return count, quarters
