"""Search that cannot stall the site: plans from the index, time limits, prefixes, statistics."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import override_settings

from wenchuang.core import timelimit
from wenchuang.core.pagination import CappedPaginator
from wenchuang.directory.demo import generate
from wenchuang.directory.importing import import_file
from wenchuang.directory.models import Enterprise
from wenchuang.directory.selectors import DirectoryFilters, directory_list
from wenchuang.reference.loading import load_all

from .conftest import csv_bytes, enterprise_row

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small directory made by the demo generator, as `make demo` makes it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        with transaction.atomic():
            load_all()
            yield generate(enterprises=300, seed=5, progress=False)
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def _plan(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


def _page_and_count_plans(**filters) -> list[list[str]]:
    qs = directory_list(user=AnonymousUser(), model=Enterprise, filters=DirectoryFilters(**filters))
    page = qs[:20].query.sql_with_params()
    count = qs.order_by()[:10_001]  # what CappedPaginator counts
    count_sql, count_params = count.query.sql_with_params()
    return [_plan(*page), _plan(f"SELECT COUNT(*) FROM ({count_sql}) AS c", count_params)]


SEARCHES = [
    {"q": "s"},
    {"q": "文化"},
    {"q": "design"},
    {"q": "动漫", "region": "320000"},
    {"q": "影视", "above_size": True},
    {"q": "文化", "sort": "name"},
]


@sqlite_only
@pytest.mark.parametrize("statistics", ["kept by the app", "missing"])
@pytest.mark.parametrize("filters", SEARCHES)
def test_every_search_plan_starts_from_the_full_text_index(demo_db, statistics, filters):
    if statistics == "missing":
        # The worst case: no ANALYZE ever ran. The plan must not depend on statistics.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")  # reloads the (now empty) statistics
    for plan in _page_and_count_plans(**filters):
        first = next(step for step in plan if step.startswith(("SCAN", "SEARCH")))
        assert first.startswith("SCAN directory_enterprise_fts VIRTUAL TABLE"), plan


@sqlite_only
def test_demo_data_leaves_planner_statistics(demo_db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'directory_enterprise'")
        assert cursor.fetchone()[0] > 0


@sqlite_only
def test_an_import_refreshes_planner_statistics(reference_data, staff, write_file):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")
    rows = [enterprise_row(n) for n in range(1, 4)]
    assert import_file("enterprises", write_file("e.csv", csv_bytes(rows)), by=staff).committed
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'directory_enterprise'")
        assert any(stat.startswith("3") for (stat,) in cursor.fetchall())


# --- Time limits ----------------------------------------------------------------------------

SLOW_SQL = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT COUNT(*) FROM (SELECT i FROM n LIMIT 1000000000)",
    "postgresql": "SELECT pg_sleep(5)",
}


@pytest.mark.django_db
def test_a_statement_past_the_limit_is_stopped_and_the_connection_goes_on():
    with pytest.raises(timelimit.QueryTimeout):
        with timelimit.query_time_limit(50), connection.cursor() as cursor:
            cursor.execute(SLOW_SQL[connection.vendor])
    with connection.cursor() as cursor:  # usable, and without the limit any more
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_a_fast_statement_inside_the_limit_answers():
    with timelimit.query_time_limit(5000), connection.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)


@pytest.fixture
def no_time(settings, monkeypatch):
    """A 1 ms limit checked at every step: a page's statements run past it at once."""
    settings.QUERY_TIME_LIMIT_MS = 1
    monkeypatch.setattr(timelimit, "PROGRESS_STEPS", 1)


@sqlite_only
def test_a_search_past_the_time_limit_gets_a_message_page_not_a_500(demo_db, client, no_time):
    response = client.get("/en/enterprise/", {"q": "文化"})
    assert response.status_code == 503
    assert "took too long" in response.content.decode()
    fragment = client.get("/en/enterprise/", {"q": "文化"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 503 and "<html" not in fragment.content.decode()
    assert "took too long" in fragment.content.decode()


@sqlite_only
def test_a_search_past_the_time_limit_gets_a_json_error_from_the_api(demo_db, client, no_time):
    response = client.get("/api/v1/enterprises", {"q": "文化"}, headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "took too long" in response.json()["detail"]


def test_the_demo_search_answers_within_the_limit(demo_db, client):
    response = client.get("/en/enterprise/", {"q": "s"})
    assert response.status_code == 200
    assert client.get("/api/v1/enterprises", {"q": "文化"}).status_code == 200


def test_pages_of_the_capped_count_stay_within_the_limit(demo_db):
    with timelimit.query_time_limit(5000):
        qs = directory_list(
            user=AnonymousUser(), model=Enterprise, filters=DirectoryFilters(q="文化")
        )
        assert CappedPaginator(qs, 20).count > 0
