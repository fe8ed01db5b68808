"""The full rebuild summed by DuckDB: the same cells as the in-database build, swapped in."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import override_settings

from wenchuang.statistics import cube_duckdb
from wenchuang.statistics.cube import build_cube
from wenchuang.statistics.models import CubeCell

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite files only")

KEY = (
    "period_id, indicator_id, region_id, region_level, province_code, prefecture_code, "
    "class_level, class_code, park_id"
)
SUMS = "value, quarter_value, weighted_sum, weight_sum, contributors, largest"


def _cells(cursor) -> dict[tuple, tuple]:
    """Every cell, its sums to the model's four decimal places, as the ORM reads them.

    Both engines add floats in an order of their own (DuckDB in parallel), which may differ
    in the last binary digit: 303.6 against 303.59999999999997.
    """
    cursor.execute(f"SELECT {KEY}, {SUMS} FROM {CubeCell._meta.db_table}")
    places = Decimal("0.0001")
    return {
        tuple(row[:9]): tuple(
            None if v is None else Decimal(str(v)).quantize(places) for v in row[9:]
        )
        for row in cursor.fetchall()
    }


def _copy_to_file(path) -> None:
    """The test database (in memory) as a file, the way the site's database is one."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()


def _indexes(raw) -> dict[str, tuple[int, tuple[str, ...]]]:
    """The cube table's indexes: name → (unique, columns)."""
    table = CubeCell._meta.db_table
    found = {}
    for _seq, name, unique, *_rest in raw.execute(f'PRAGMA index_list("{table}")').fetchall():
        columns = tuple(row[2] for row in raw.execute(f'PRAGMA index_info("{name}")'))
        found[name] = (unique, columns)
    return found


def _schema(raw) -> list[tuple[str, str]]:
    table = CubeCell._meta.db_table
    return raw.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? ORDER BY type, name", [table]
    ).fetchall()


@pytest.fixture
def demo_file(tmp_path, django_db_blocker, reference_data):
    """The demo's statistics (8 quarters, parks, a weighted mean, market exports) in a file."""
    from wenchuang.directory.demo import generate

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=fast):
        generate(enterprises=40, seed=5, progress=False)
    path = tmp_path / "site.sqlite3"
    _copy_to_file(path)
    return path


@pytest.mark.django_db(transaction=True)
def test_duckdb_sums_the_same_cells_as_the_database_and_keeps_the_table_as_django_made_it(
    demo_file,
):
    build_cube()  # in the test's database (in memory): the database's own build
    with connection.cursor() as cursor:
        expected = _cells(cursor)
    assert len(expected) > 1000

    raw = sqlite3.connect(demo_file)
    indexes_before, schema_before = _indexes(raw), _schema(raw)
    raw.close()
    cells, quarters = cube_duckdb.rebuild(str(demo_file))

    raw = sqlite3.connect(demo_file)
    got = _cells(raw.cursor())
    assert cells == len(expected) and quarters >= 8
    assert got == expected
    # The table as Django made it: the same definition, the same indexes under the same
    # names (the unique key's own index followed the table through the rename).
    assert _schema(raw) == schema_before
    after = _indexes(raw)
    assert after == indexes_before
    assert (
        1,
        ("period_id", "indicator_id", "class_level", "region_id", "class_code", "park_id"),
    ) in after.values()
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").fetchall()
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            f"INSERT INTO {CubeCell._meta.db_table} ({KEY}, {SUMS}, computed_at) "
            f"SELECT {KEY}, {SUMS}, computed_at FROM {CubeCell._meta.db_table} LIMIT 1"
        )
    raw.close()


@pytest.mark.django_db(transaction=True)
def test_a_failed_rebuild_leaves_the_cube_as_it_was(demo_file, monkeypatch):
    raw = sqlite3.connect(demo_file)
    before = _cells(raw.cursor())
    raw.close()

    def broken(work, on_chunk=None):
        raise RuntimeError("the worker ran out of memory")

    monkeypatch.setattr(cube_duckdb, "run_worker", broken)
    with pytest.raises(RuntimeError):
        cube_duckdb.rebuild(str(demo_file))
    raw = sqlite3.connect(demo_file)
    assert _cells(raw.cursor()) == before
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").fetchall()
    raw.close()


@pytest.mark.django_db
def test_only_a_full_rebuild_of_a_file_outside_a_transaction_goes_to_duckdb():
    # The test database is in memory, and a test runs inside a transaction: both say no.
    assert cube_duckdb.database_file(connection) is None
    with transaction.atomic():
        assert cube_duckdb.database_file(connection) is None


@pytest.mark.django_db(transaction=True)
def test_a_copy_that_fails_half_way_stops_the_worker_and_leaves_the_cube_and_no_files(
    demo_file, monkeypatch
):
    raw = sqlite3.connect(demo_file)
    before = _cells(raw.cursor())
    raw.close()
    seen = []

    class FullDisk(cube_duckdb._Copier):
        def __call__(self, chunk):
            seen.append(chunk)
            if len(seen) == 1:
                return super().__call__(chunk)  # one quarter in, then the disk is full
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cube_duckdb, "_Copier", FullDisk)
    with pytest.raises(sqlite3.OperationalError):
        cube_duckdb.rebuild(str(demo_file))
    raw = sqlite3.connect(demo_file)
    assert _cells(raw.cursor()) == before
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").fetchall()
    raw.close()
    assert len(seen) == 2
    # The worker's files went with its directory.
    assert not any(Path(chunk).parent.exists() for chunk in seen)


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_clears_what_a_killed_one_left_behind(demo_file):
    table = CubeCell._meta.db_table
    raw = sqlite3.connect(demo_file)
    raw.execute(f'CREATE TABLE "{table}__next_dead" (id integer)')
    raw.commit()
    raw.close()
    cube_duckdb.rebuild(str(demo_file))
    raw = sqlite3.connect(demo_file)
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").fetchall()
    raw.close()


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_keeps_the_table_of_one_still_running_elsewhere(demo_file):
    import os

    table = CubeCell._meta.db_table
    running = f"{table}__next_{os.getppid()}_feedbeef"  # a live process: the test's parent
    raw = sqlite3.connect(demo_file)
    raw.execute(f'CREATE TABLE "{running}" (id integer)')
    raw.commit()
    raw.close()
    cube_duckdb.rebuild(str(demo_file))
    raw = sqlite3.connect(demo_file)
    left = raw.execute("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").fetchall()
    raw.close()
    assert left == [(running,)]
