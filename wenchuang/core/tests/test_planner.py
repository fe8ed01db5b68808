"""Planner statistics: refreshed on demand, after migrate, and as a periodic job of the worker."""

import pytest
from django.db import connection

from wenchuang.core import planner
from wenchuang.core.scheduling import periodic_jobs, schedule_start

pytestmark = pytest.mark.django_db


def test_the_worker_refreshes_the_statistics_every_six_hours():
    job = periodic_jobs()["planner_statistics"]
    assert job.every == planner.REFRESH_EVERY
    assert job.run is planner.refresh_planner_statistics


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's")
def test_a_refresh_writes_statistics_for_the_directory_tables(directory):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")
    planner.refresh_planner_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        tables = {row[0] for row in cursor.fetchall()}
    assert "directory_enterprise" in tables


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's")
def test_starting_the_worker_refreshes_them(directory):
    # The test settings run tasks at once: starting the schedule runs each job.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")
    schedule_start()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'directory_enterprise'")
        assert cursor.fetchone()[0] > 0
