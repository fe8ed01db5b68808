"""Two registrations at the same moment get distinct, consecutive log indexes (PostgreSQL)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.ip_registry import artwork, log, services
from wenchuang.ip_registry.models import LogEntry, LogLock, TreeHead


def register(user, seed):
    def call():
        return services.work_register(
            by=user,
            title=f"同时登记 {seed}",
            language="zh-hans",
            kind="image",
            authors="王小明",
            created_on=datetime.date(2026, 1, 1),
            upload=SimpleUploadedFile(f"{seed}.png", artwork.picture_bytes(seed)),
        ).work

    return call


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_once_get_distinct_indexes_and_the_log_verifies(cast):
    LogLock.objects.get_or_create(pk=1)  # a flushed test database lost the migration's row
    user = cast["public"]
    log.append(b"first entry, so that both racers find a tree head")
    outcomes = at_once(*(register(user, seed) for seed in (61, 62, 63)))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(LogEntry.objects.values_list("index", flat=True)) == [0, 1, 2, 3]
    assert sorted(TreeHead.objects.values_list("size", flat=True)) == [1, 2, 3, 4]
    assert log.check() == []


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_appends_without_a_lock_row_still_serialise(cast):
    LogLock.objects.all().delete()
    outcomes = at_once(*(lambda i=i: log.append(f"leaf {i}".encode()) for i in range(2)))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(LogEntry.objects.values_list("index", flat=True)) == [0, 1]
    assert log.check() == []
