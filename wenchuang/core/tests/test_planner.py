"""Planner statistics: refreshed on demand and by a task that keeps itself scheduled."""

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wenchuang.core import planner

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _waiting():
    return DBTaskResult.objects.filter(
        status="READY", task_path=planner.refresh_planner_statistics_task.module_path
    )


def test_the_periodic_refresh_is_scheduled_once(settings):
    settings.TASKS = DB_TASKS
    planner.ensure_scheduled()
    planner.ensure_scheduled()
    assert _waiting().count() == 1
    waiting = DBTaskResult.objects.filter(
        task_path=planner.refresh_planner_statistics_task.module_path
    ).get()
    assert waiting.run_after > timezone.now() + planner.REFRESH_EVERY / 2


def test_the_refresh_task_schedules_the_next_one(settings):
    settings.TASKS = DB_TASKS
    planner.refresh_planner_statistics_task.call()
    assert _waiting().count() == 1


def test_an_immediate_backend_does_not_loop():
    # The test settings run tasks at once: re-enqueueing would never end.
    planner.refresh_planner_statistics_task.enqueue()
    planner.ensure_scheduled()


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
