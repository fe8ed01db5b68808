"""Sums the cube's cells with DuckDB in a process of its own: `python -m` this module.

It reads a JSON job on stdin (the SQLite file, the SELECTs and rows that `cube_duckdb`
prepared, a directory for the cells) and prints a JSON line per file of cells written, then
the number of cells. A process of its own because DuckDB's SQLite extension carries its own
copy of SQLite: two copies in one process release each other's file locks when one closes
the file, which can corrupt a database another connection is writing
(https://www.sqlite.org/howtocorrupt.html, section 2.2.1).
It imports nothing from Django.
"""

from __future__ import annotations

import json
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WRITERS = 2


def _extension() -> Path:
    import duckdb_extension_sqlite_scanner as package

    found = sorted((Path(package.__file__).parent / "extensions").glob("*/sqlite_scanner.*"))
    if not found:
        raise SystemExit("the sqlite_scanner extension file is missing")
    return found[-1]


def _write_chunks(duck, job: dict) -> None:
    """The cells a quarter at a time, in the cube's key order, each into a file of its own.

    A line on stdout names each file as soon as it is complete, so the parent copies one
    quarter into the database while the next is written. DuckDB writes into a small new file
    about three times as fast as into the site's database, and the parent's copy of a
    file in key order keeps the unique index in step without a separate build.
    """
    quarters = duck.execute("SELECT DISTINCT period_id FROM cells ORDER BY 1").fetchall()

    def write(n: int, period: int) -> str:
        chunk = Path(job["chunks"]) / f"{n:05d}.sqlite3"
        quoted = str(chunk).replace("'", "''")
        cursor = duck.cursor()  # a connection of this thread's own
        try:
            cursor.execute(f"ATTACH '{quoted}' AS chunk{n} (TYPE sqlite)")
            cursor.execute(
                f"CREATE TABLE chunk{n}.cells AS SELECT {job['chunk_columns']} FROM cells "
                f"WHERE period_id = ? ORDER BY {job['order']}",
                [period],
            )
            cursor.execute(f"DETACH chunk{n}")  # closed before the parent opens it
        finally:
            cursor.close()
        return str(chunk)

    # Two quarters are written at a time, each file by one thread; they are announced in
    # quarter order, which is the key's order.
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for written in [pool.submit(write, n, p) for n, (p,) in enumerate(quarters)]:
            print(json.dumps({"chunk": written.result()}), flush=True)


def run(job: dict) -> int:
    """Sum every cell of the cube from `job["path"]`; the count of cells.

    With `job["chunks"]` (a directory) the cells are written there a quarter at a time for
    the parent to copy; without, they are only summed (the benchmark's DuckDB baseline).
    """
    import duckdb

    quoted = job["path"].replace("'", "''")
    with tempfile.TemporaryDirectory(prefix="cube-") as spill:
        duck = duckdb.connect(config={"memory_limit": job["memory_limit"], "temp_directory": spill})
        try:
            duck.execute(f"LOAD '{_extension()}'")
            duck.execute(f"ATTACH '{quoted}' AS s (TYPE sqlite, READ_ONLY)")
            (first, params), *weighted = job["base"]
            duck.execute(f"CREATE TEMP TABLE base AS {first}", params)
            for sql, sql_params in weighted:
                duck.execute(f"INSERT INTO base {sql}", sql_params)
            # Everything else reads the base: the site's file is let go, so that the parent's
            # writes are not held in its WAL behind this reader.
            duck.execute("DETACH s")
            if job["source_rows"]:
                marks = ", ".join(["?"] * len(job["source_rows"][0]))
                duck.executemany(
                    f"INSERT INTO base ({job['source_columns']}) VALUES ({marks})",
                    job["source_rows"],
                )
            union = " UNION ALL ".join(job["roll_ups"])
            duck.execute(  # not TEMP: the writers' own connections read it
                f"CREATE TABLE cells AS SELECT * FROM ({union}) AS c({job['columns']})"
            )
            duck.execute(f"INSERT INTO cells {job['national']}")
            (count,) = duck.execute("SELECT COUNT(*) FROM cells").fetchone()
            if job.get("chunks"):
                _write_chunks(duck, job)
        finally:
            duck.close()
    return int(count)


if __name__ == "__main__":
    print(json.dumps({"cells": run(json.load(sys.stdin))}), flush=True)
