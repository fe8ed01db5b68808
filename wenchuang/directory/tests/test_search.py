"""Searching with filters: facet tokens narrow the full-text match but never decide the result."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from wenchuang.directory import search, selectors, services
from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.search import document, facets
from wenchuang.directory.selectors import DirectoryFilters

pytestmark = pytest.mark.django_db

# (region, category, yearly revenue): lanterns in Wuxi and Weifang, big and small, and one
# record that mentions lanterns without being a lantern maker in Weifang.
LANTERN_MAKERS = [
    ("320211", "0241", "30000000"),
    ("320211", "0241", "1000000"),
    ("320214", "0322", "90000000"),
    ("370705", "0241", "30000000"),
    ("370705", "0322", "1000000"),
    ("210202", "0131", "90000000"),
]


@pytest.fixture
def lanterns(cast):
    staff = cast["national_staff"]
    made = [
        services.record_create(
            model=Enterprise,
            by=staff,
            data={
                "name_zh_hans": f"灯笼{i}号有限公司",
                "name_en": f"Lantern Works {i}",
                "region": region,
                "category": category,
                "annual_revenue": revenue,
                "revenue_year": 2025,
            },
        )
        for i, (region, category, revenue) in enumerate(LANTERN_MAKERS)
    ]
    services.record_create(
        model=Enterprise,
        by=staff,
        data={"name_en": "Weifang Kites", "region": "370705", "category": "0241"},
    )
    return made


def ids(user, **filters):
    qs = selectors.directory_list(user=user, model=Enterprise, filters=DirectoryFilters(**filters))
    return set(qs.values_list("id", flat=True))


@pytest.mark.parametrize(
    "filters",
    [
        {"region": "320000"},
        {"region": "320200", "above_size": True},
        {"region": "320211", "above_size": False},
        {"region": "370700", "above_size": True},
        {"category": "02"},
        {"category": "024", "region": "370000"},
        {"category": "0322", "above_size": True},
        {"domain": "core", "above_size": True},
        {"region": "000000"},
        {"region": "999999"},
    ],
)
@pytest.mark.parametrize("query", ["灯笼", "lantern"])
def test_search_with_filters_returns_exactly_the_records_both_select(
    cast, lanterns, filters, query
):
    public = cast["public"]
    expected = ids(public, **filters) & ids(public, q=query)
    assert ids(public, q=query, **filters) == expected


def test_weifang_above_size_lanterns_are_the_one_big_maker_there(cast, lanterns):
    found = ids(cast["public"], q="灯笼", region="370700", above_size=True)
    assert found == {lanterns[3].pk}


def test_a_query_cannot_name_a_facet_token(cast, lanterns):
    assert search.query_tokens("zzp320000 zza1 zzdcore") == []
    public = cast["public"]
    assert ids(public, q="灯笼 zzp210000") == ids(public, q="灯笼")


def test_text_cannot_plant_a_facet_token(cast):
    planted = services.record_create(
        model=Enterprise,
        by=cast["dalian_staff"],
        data={
            "name_en": "Planted zzp320000 zza1",
            "region": "210202",
            "category": "0131",
        },
    )
    words = planted.search_text.split()
    assert "zzp320000" not in words and "zza1" not in words
    assert "zzp210000" in words and "zza0" in words


def test_facets_follow_the_region_category_and_revenue(cast, lanterns):
    small = lanterns[1]
    assert {"zzr320211", "zzk0241", "zza0"} <= set(small.search_text.split())
    services.record_update(
        record=small,
        by=cast["national_staff"],
        data={"region": "370705", "category": "0322", "annual_revenue": "90000000"},
    )
    small.refresh_from_db()
    words = set(small.search_text.split())
    assert {"zzp370000", "zzc370700", "zzr370705", "zzm03", "zzk0322", "zza1"} <= words
    assert not words & {"zzp320000", "zzr320211", "zzk0241", "zza0"}
    assert small.pk in ids(cast["public"], q="灯笼", region="370700", above_size=True)


def test_a_namespace_of_column_values_has_the_same_facets_as_the_record(lanterns):
    record = lanterns[0]
    values = {f.attname: getattr(record, f.attname) for f in Enterprise._meta.concrete_fields}
    assert facets(SimpleNamespace(**values)) == facets(record)
    assert document(SimpleNamespace(**values)) == record.search_text


def test_the_migration_adds_the_same_facets_as_python(cast, directory):
    migration = importlib.import_module("wenchuang.directory.migrations.0004_search_facet_tokens")
    for model in (Enterprise, Park):
        for record in model.objects.all():
            model.objects.filter(pk=record.pk).update(search_text=search.text_document(record))
    with connection.cursor() as cursor:
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        migration.add_facets(None, editor)
    for model in (Enterprise, Park):
        for record in model.objects.all():
            assert record.search_text == document(record), record
    public = cast["public"]
    acme = directory["acme"]
    assert ids(public, q="动漫", region="320211", above_size=True) == {acme.pk}


def names_sorted(cast, sort_cap, **filters):
    qs = selectors.directory_list(
        user=cast["public"],
        model=Enterprise,
        filters=DirectoryFilters(**filters),
        sort_cap=sort_cap,
    )
    return [e.name_en for e in qs]


def test_a_search_sorts_by_name_up_to_the_cap(cast, lanterns):
    by_name = sorted(e.name_en for e in lanterns)[::-1]
    assert names_sorted(cast, 10, q="lantern", sort="-name_en") == by_name
    assert names_sorted(cast, None, q="lantern", sort="-name_en") == by_name
    filters = DirectoryFilters(q="lantern", sort="-name_en")
    assert selectors.list_sort(Enterprise, filters, 10) == "-name_en"


def test_a_search_larger_than_the_cap_keeps_index_order_and_says_so(cast, lanterns):
    filters = DirectoryFilters(q="lantern", sort="-name_en")
    assert selectors.list_sort(Enterprise, filters, 3) == "id"
    assert names_sorted(cast, 3, q="lantern", sort="-name_en") == [e.name_en for e in lanterns]
    # With a filter that has a facet token, the count is that of the narrowed search.
    weifang = DirectoryFilters(q="lantern", region="370700", sort="-name_en")
    assert selectors.list_sort(Enterprise, weifang, 3) == "-name_en"
    assert names_sorted(cast, 3, q="lantern", region="370700", sort="-name_en") == [
        "Lantern Works 4",
        "Lantern Works 3",
    ]
