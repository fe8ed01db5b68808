"""A write that meets a database locked by another writer answers 503 with Retry-After."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection

from wenchuang.accounts.services import api_token_create
from wenchuang.directory.models import Park


@contextmanager
def parks_locked_by_another_writer():
    """A second, real connection holds a write lock on the park table, as an import would."""
    if connection.vendor == "sqlite":
        # The test database is SQLite's shared in-memory cache: a second connection to it
        # that is writing makes every other connection's write fail with "is locked".
        other = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
        other.isolation_level = None
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE directory_park SET vacancy_rate = vacancy_rate")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        import psycopg

        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params) as other:
            other.execute("LOCK TABLE directory_park IN ACCESS EXCLUSIVE MODE")
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '300ms'")
            try:
                yield
            finally:
                other.rollback()
                with connection.cursor() as cursor:
                    cursor.execute("RESET lock_timeout")


@pytest.mark.django_db(transaction=True)
def test_a_write_into_a_locked_table_answers_503_and_a_retry_succeeds(client, reference_data):

    from wenchuang.accounts.models import Organisation, Role
    from wenchuang.accounts.services import user_create
    from wenchuang.directory import services

    centre = Organisation.objects.create(kind="agency", name_en="Wuxi centre", region_id="320200")
    staff = user_create(
        username="busy_staff",
        password="pw-for-tests",
        role=Role.CENTRE_STAFF,
        organisation=centre,
        jurisdiction_code="320200",
    )
    park = services.record_create(
        model=Park, by=staff, data={"name_en": "Wuxi Studios", "region": "320211"}
    )
    _token, key = api_token_create(user=staff, name="busy")
    patch = {
        "path": f"/api/v1/parks/{park.pk}",
        "data": {"name_en": "Wuxi Studios, renamed"},
        "content_type": "application/json",
        "HTTP_AUTHORIZATION": f"Bearer {key}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }

    with parks_locked_by_another_writer():
        busy = client.patch(**patch)
    assert busy.status_code == 503, busy.content[:300]
    assert busy["Retry-After"] == "5"
    assert busy["Content-Type"].startswith("application/json")
    assert "try again" in busy.json()["detail"]
    park.refresh_from_db()
    assert park.name_en == "Wuxi Studios"

    retry = client.patch(**patch)
    assert retry.status_code == 200
    park.refresh_from_db()
    assert park.name_en == "Wuxi Studios, renamed"
