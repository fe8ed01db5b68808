"""Imports under load: other writers between batches, busy pages, dead workers, lock timeouts."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from wenchuang.core.models import AuditEvent
from wenchuang.directory import tasks
from wenchuang.directory.importing import import_file, import_job_start, writing
from wenchuang.directory.models import Enterprise, ImportJob

from .conftest import csv_bytes, enterprise_row

ROOT = Path(__file__).resolve().parents[3]


def edit(client, record, name: str):
    return client.post(
        f"/en/enterprise/{record.pk}/edit/",
        {"name_en": name, "region_code": record.region_id, "category_code": record.category_id},
    )


def lock_timeout_on_postgresql():
    # PostgreSQL waits for a row lock for ever unless told otherwise; production sets
    # lock_timeout, and so does the test, to see the same answer as on SQLite.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '500ms'")


@pytest.mark.django_db(transaction=True)
def test_staff_edits_during_an_import_succeed_or_get_503_never_500(
    reference_data, client, cast, directory, write_file, monkeypatch
):
    monkeypatch.setattr(writing, "BATCH_SIZE", 5)
    client.force_login(cast["wuxi_staff"])
    lock_timeout_on_postgresql()
    path = write_file("firms.csv", csv_bytes([enterprise_row(n) for n in range(1, 31)]))
    seen_published = []
    outcome = {}

    writing_started = threading.Event()

    def slow_progress(done, total):
        # Past the 30 checked rows the writing pass runs; slow it down so edits land in it.
        if done > 30:
            writing_started.set()
            time.sleep(0.1)

    def run_import():
        try:
            outcome["result"] = import_file("enterprises", path, on_progress=slow_progress)
        finally:
            close_old_connections()
            connection.close()

    importer = threading.Thread(target=run_import)
    importer.start()
    writing_started.wait(30)
    statuses = []
    while importer.is_alive():
        statuses.append(edit(client, directory["acme"], f"Acme {len(statuses)}").status_code)
        if importer.is_alive():
            staged = Enterprise.objects.filter(credit_code__startswith="91370705")
            try:
                seen_published.append(set(staged.values_list("status", flat=True)))
            except OperationalError:
                # The test database is SQLite's shared in-memory one, where a write also
                # locks out readers of the table; a file database in WAL mode does not.
                pass
    importer.join()

    assert outcome["result"].created == 30
    assert statuses and 500 not in statuses
    assert set(statuses) <= {302, 503}
    # Some edits got the lock while the import was writing: it holds it only per batch.
    assert 302 in statuses
    # While it ran, new records were written but staged, unseen.
    assert {"importing"} in seen_published
    assert (
        Enterprise.objects.filter(status="published", credit_code__startswith="91370705").count()
        == 30
    )


@pytest.mark.django_db(transaction=True)
def test_a_page_write_that_finds_the_database_locked_answers_503_with_retry_after(
    reference_data, client, cast, directory
):
    client.force_login(cast["wuxi_staff"])
    lock_timeout_on_postgresql()
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        try:
            with transaction.atomic():
                Enterprise.objects.filter(pk=directory["acme"].pk).update(employees=1)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait(10)
    try:
        response = edit(client, directory["acme"], "Acme renamed")
    finally:
        release.set()
        holder.join()

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Busy, try again" in response.content.decode()


@pytest.mark.usefixtures("reference_data", "media", "immediate_tasks")
def test_a_job_whose_worker_died_is_failed_and_its_page_stops_polling(client, cast, directory):
    client.force_login(cast["national_staff"])
    job = ImportJob.objects.create(
        record_type="enterprises",
        file_name="firms.csv",
        status=ImportJob.Status.RUNNING,
        created_by=cast["national_staff"],
        heartbeat_at=timezone.now(),
        counts={"runner": f"{os.uname().nodename}:{_dead_pid()}"},
    )
    staged = Enterprise.objects.create(
        name_zh_hans="半途企业", region_id="320211", category_id="0241", status="importing"
    )

    fragment = client.get(f"/en/imports/{job.pk}/", headers={"HX-Request": "true"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "hx-trigger" not in fragment.content.decode()
    assert "its background worker stopped" in fragment.content.decode()
    assert not Enterprise.objects.filter(pk=staged.pk).exists()


@pytest.mark.usefixtures("reference_data")
def test_a_job_from_another_host_is_failed_once_its_heartbeat_is_stale(cast):
    job = ImportJob.objects.create(
        record_type="enterprises",
        file_name="firms.csv",
        status=ImportJob.Status.RUNNING,
        heartbeat_at=timezone.now(),
        counts={"runner": "elsewhere:1"},
    )
    assert tasks.fail_stale_jobs() == 0
    later = timezone.now() + tasks.STALE_AFTER * 2

    assert tasks.fail_stale_jobs(now=later) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["code"] == "worker_lost"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# The worker closes connections between tasks, as it must: outside a test transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data", "media")
def test_the_worker_survives_a_lock_timeout_and_runs_the_queued_import(cast, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    stale = ImportJob.objects.create(
        record_type="enterprises",
        file_name="old.csv",
        status=ImportJob.Status.RUNNING,
        counts={"runner": f"{os.uname().nodename}:{_dead_pid()}"},
    )
    upload = SimpleUploadedFile("firms.csv", csv_bytes([enterprise_row(1), enterprise_row(2)]))
    job = import_job_start(
        record_type="enterprises", uploaded_file=upload, by=cast["national_staff"]
    )
    assert job.status == ImportJob.Status.QUEUED

    from django_tasks_db.management.commands import db_worker

    real_run = db_worker.Worker.run
    calls = []

    def run_once_locked(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_run(self)

    monkeypatch.setattr(db_worker.Worker, "run", run_once_locked)
    monkeypatch.setattr("wenchuang.core.management.commands.worker.RETRY_DELAYS", (0,))
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    stale.refresh_from_db()
    assert len(calls) == 2  # the lock timeout did not end the worker
    assert job.status == ImportJob.Status.SUCCEEDED and job.imported_rows == 2
    assert job.counts["created"] == 2 and job.counts["encoding"] == "UTF-8"
    assert stale.status == ImportJob.Status.FAILED  # the new worker failed the dead one's job
    assert AuditEvent.objects.filter(action="import").count() == 2


def test_the_supervisor_restarts_a_worker_that_exits(tmp_path):
    log = tmp_path / "starts"
    supervisor = subprocess.Popen(
        [str(ROOT / "scripts" / "supervise.sh"), "sh", "-c", f"echo start >> {log}; exit 3"],
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SUPERVISE_DELAY": "0.2"},
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if log.exists() and log.read_text().count("start") >= 2:
                break
            time.sleep(0.2)
    finally:
        supervisor.terminate()
        supervisor.wait(5)
    assert log.read_text().count("start") >= 2


@pytest.mark.usefixtures("reference_data")
def test_records_an_import_has_staged_are_unseen_even_by_staff(client, cast, directory):
    staged = Enterprise.objects.create(
        name_zh_hans="导入中文化有限公司",
        name_en="Half Imported Culture Ltd",
        region_id="320211",
        category_id="0241",
        status="importing",
    )
    client.force_login(cast["wuxi_staff"])

    listing = client.get("/en/enterprise/").content.decode()
    detail = client.get(f"/en/enterprise/{staged.pk}/")

    assert "Acme" in listing or "Lingdong" in listing  # the staff list shows their records
    assert "Half Imported Culture" not in listing
    assert detail.status_code == 404
