"""Periodic work: started once when the worker starts, each run queuing the next."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from wenchuang.core import scheduling
from wenchuang.core.models import Notification
from wenchuang.core.scheduling import periodic_jobs, register_periodic, run_periodic_job

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_tasks(settings, monkeypatch):
    """The database task backend, as `make demo` runs it, instead of the tests' immediate one.

    The worker drops connections that are inside a transaction between tasks; the test's own
    transaction is one, so that housekeeping is switched off here, as Django's test client
    does for requests.
    """
    settings.TASKS = DB_TASKS
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def due_membership(membership_renewing_on):
    return membership_renewing_on(timezone.localdate() + datetime.timedelta(days=10))


def waiting(name):
    return DBTaskResult.objects.filter(
        task_path=run_periodic_job.module_path, status="READY", args_kwargs__args__0=name
    )


def run_worker_once():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_membership_upkeep_is_registered_to_run_daily():
    assert periodic_jobs()["membership_upkeep"].every == datetime.timedelta(days=1)


def test_starting_the_schedule_twice_queues_each_job_once(db_tasks):
    call_command("schedule", "start", verbosity=0)
    call_command("schedule", "start", verbosity=0)
    assert waiting("membership_upkeep").count() == 1


def test_the_worker_sends_the_reminders_and_queues_the_next_run_a_day_later(
    db_tasks, cast, due_membership, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    due_membership.refresh_from_db()
    assert due_membership.reminder_sent_for == due_membership.renews_on
    assert Notification.objects.filter(recipient=cast["rep"]).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.cn", "rep@example.cn"]
    (next_run,) = waiting("membership_upkeep")
    assert next_run.run_after >= before + datetime.timedelta(days=1)
    # A worker restarted meanwhile adds no second chain.
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert waiting("membership_upkeep").count() == 1


def test_a_failing_run_still_queues_the_next(db_tasks, monkeypatch):
    def broken():
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr(scheduling, "_JOBS", dict(scheduling._JOBS))
    register_periodic("broken_for_test", every=datetime.timedelta(hours=1), run=broken)
    run_periodic_job.enqueue("broken_for_test")
    run_worker_once()
    assert DBTaskResult.objects.filter(
        task_path=run_periodic_job.module_path, status="FAILED"
    ).exists()
    assert waiting("broken_for_test").count() == 1


def test_with_the_immediate_backend_a_start_runs_the_jobs_at_once(
    cast, due_membership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule", "start", verbosity=0)
    due_membership.refresh_from_db()
    assert due_membership.reminder_sent_for == due_membership.renews_on


def test_cron_can_run_a_job_by_name(cast, due_membership):
    call_command("schedule", "run", "membership_upkeep", verbosity=0)
    due_membership.refresh_from_db()
    assert due_membership.reminder_sent_for == due_membership.renews_on
