"""The full rebuild summed by DuckDB: the same cells as the in-database build, swapped in."""

import sqlite3
from decimal import Decimal

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
    cursor.execute(f"SELECT {KEY}, {SUMS} FROM {CubeCell._meta.db_table}")
    return {
        tuple(row[:9]): tuple(None if v is None else Decimal(str(v)) for v in row[9:])
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
    indexes_before = _indexes(raw)
    raw.close()
    cells, quarters = cube_duckdb.rebuild(str(demo_file))

    raw = sqlite3.connect(demo_file)
    got = _cells(raw.cursor())
    assert cells == len(expected) and quarters >= 8
    assert got == expected
    # The same indexes (the unique constraint's now under its own name), nothing left over.
    after = _indexes(raw)
    assert set(after.values()) == set(indexes_before.values())
    assert after["statistics_cube_cell_once"][0] == 1
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

    def broken(work):
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
