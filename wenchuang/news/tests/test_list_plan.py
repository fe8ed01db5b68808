"""The public news list reads its newest items in index order instead of sorting them all."""

import pytest
from django.db import connection

from wenchuang.news import selectors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan"),
]


def test_the_newest_published_items_come_from_an_index_not_a_sort():
    # At 100,000 items a sort of every published row took 270 ms per page (bench/RESULTS.md).
    sql, params = selectors.published()[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[3] for row in cursor.fetchall()]
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert any("news_published_newest" in step for step in plan), plan
