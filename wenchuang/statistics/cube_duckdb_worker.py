"""Sums the cube's cells with DuckDB in a process of its own: `python -m` this module.

It reads a JSON job on stdin (the SQLite file, the SELECTs and rows that `cube_duckdb`
prepared, the table to fill) and prints the number of cells written. A process of its own
because DuckDB's SQLite extension carries its own copy of SQLite: two copies in one process
release each other's file locks when one closes the file, which can corrupt a database
another connection is writing (https://www.sqlite.org/howtocorrupt.html, section 2.2.1).
It imports nothing from Django.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path


def _extension() -> Path:
    import duckdb_extension_sqlite_scanner as package

    found = sorted((Path(package.__file__).parent / "extensions").glob("*/sqlite_scanner.*"))
    if not found:
        raise SystemExit("the sqlite_scanner extension file is missing")
    return found[-1]


def run(job: dict) -> int:
    """Fill the table `job["target"]` of `job["path"]` with every cell; the count of cells.

    With no target the cells are only summed (the benchmark's DuckDB baseline).
    """
    import duckdb

    quoted = job["path"].replace("'", "''")
    with tempfile.TemporaryDirectory(prefix="cube-") as spill:
        duck = duckdb.connect(config={"memory_limit": job["memory_limit"], "temp_directory": spill})
        try:
            duck.execute(f"LOAD '{_extension()}'")
            duck.execute(f"ATTACH '{quoted}' AS s (TYPE sqlite)")
            (first, params), *weighted = job["base"]
            duck.execute(f"CREATE TEMP TABLE base AS {first}", params)
            for sql, sql_params in weighted:
                duck.execute(f"INSERT INTO base {sql}", sql_params)
            if job["source_rows"]:
                marks = ", ".join(["?"] * len(job["source_rows"][0]))
                duck.executemany(
                    f"INSERT INTO base ({job['source_columns']}) VALUES ({marks})",
                    job["source_rows"],
                )
            union = " UNION ALL ".join(job["roll_ups"])
            duck.execute(
                f"CREATE TEMP TABLE cells AS SELECT * FROM ({union}) AS c({job['columns']})"
            )
            duck.execute(f"INSERT INTO cells {job['national']}")
            (count,) = duck.execute("SELECT COUNT(*) FROM cells").fetchone()
            if job["target"] is None:  # the benchmark's baseline: the sums alone
                return int(count)
            # The target has no index yet: rows go in as they come.
            duck.execute(
                f'INSERT INTO s."{job["target"]}" ({job["columns"]}) '
                f"SELECT {job['columns']} FROM cells"
            )
        finally:
            duck.close()
    return int(count)


if __name__ == "__main__":
    print(json.dumps({"cells": run(json.load(sys.stdin))}))
