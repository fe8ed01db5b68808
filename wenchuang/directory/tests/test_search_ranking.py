"""Search semantics shared by both backends: whole words, prefixes, relevance, the registry."""

import importlib
import inspect
import subprocess
import sys

import pytest
from django.conf import settings

from wenchuang.core import search as core_search
from wenchuang.directory import search, selectors, services
from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.selectors import DirectoryFilters

pytestmark = pytest.mark.django_db


def _create(staff, name_en, description_en="", name_zh=""):
    return services.record_create(
        model=Enterprise,
        by=staff,
        data={
            "name_zh_hans": name_zh,
            "name_en": name_en,
            "description_en": description_en,
            "region": "320211",
            "category": "0241",
        },
    )


@pytest.fixture
def studios(cast):
    staff = cast["national_staff"]
    return {
        # Oldest first: the record that mentions animation once, in a long description.
        "mention": _create(
            staff,
            "Wuxi Print House",
            "Printing, binding, packaging, paper, posters, catalogues and, lately, some "
            "animation work for local clients among many other services.",
        ),
        "designer": _create(staff, "Wuxian Designer Collective"),
        "design": _create(staff, "Wuxi Design Works"),
        "animation": _create(staff, "Wuxi Animation Studio", "Animation, animation films."),
        "letters": _create(staff, "S A Studio"),
    }


def names(cast, **filters) -> list[str]:
    qs = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(**filters)
    )
    return [e.name_en for e in qs]


def test_a_search_lists_the_most_relevant_record_first(cast, studios):
    assert names(cast, q="animation") == ["Wuxi Animation Studio", "Wuxi Print House"]


def test_a_chosen_sort_wins_over_relevance(cast, studios):
    assert names(cast, q="animation", sort="id") == ["Wuxi Print House", "Wuxi Animation Studio"]
    assert names(cast, q="animation", sort="name_en") == [
        "Wuxi Animation Studio",
        "Wuxi Print House",
    ]


def test_a_list_without_search_words_stays_oldest_first(cast, studios):
    assert names(cast, sort="relevance")[:2] == ["Wuxi Print House", "Wuxian Designer Collective"]


def test_whole_words_match_whole_words_on_every_backend(cast, studios):
    # PostgreSQL used to make every word a prefix ("wuxi" found "Wuxian", "design" found
    # "Designer"), while SQLite did not: the same query must give the same records.
    assert names(cast, q="wuxi design") == ["Wuxi Design Works"]
    assert names(cast, q="design wuxi") == ["Wuxi Design Works"]


def test_an_unfinished_last_word_of_three_letters_or_more_is_a_prefix(cast, studios):
    assert set(names(cast, q="wuxi anim")) == {"Wuxi Animation Studio", "Wuxi Print House"}
    assert names(cast, q="designe") == ["Wuxian Designer Collective"]


def test_one_or_two_letters_are_never_a_prefix(cast, studios):
    # "s"* would merge the doclist of every word starting with s (most of a big index).
    assert names(cast, q="s") == ["S A Studio"]
    assert names(cast, q="an") == []
    assert names(cast, q="wu") == []


def test_the_api_lists_a_search_by_relevance_unless_sorted(cast, studios, client):
    found = client.get("/api/v1/enterprises", {"q": "animation"}).json()["results"]
    assert [r["name_en"] for r in found] == ["Wuxi Animation Studio", "Wuxi Print House"]
    found = client.get("/api/v1/enterprises", {"q": "animation", "sort": "id"}).json()["results"]
    assert [r["name_en"] for r in found] == ["Wuxi Print House", "Wuxi Animation Studio"]


# --- The registry ---------------------------------------------------------------------------


def test_every_directory_kind_is_registered_with_its_document(cast, studios):
    tables = {s.table for s in core_search.registered()}
    assert {m._meta.db_table for m in selectors.KINDS.values()} <= tables
    record = studios["design"]
    assert core_search.document(record) == search.document(record) == record.search_text


def test_an_unregistered_model_is_refused_by_name():
    from wenchuang.accounts.models import Organisation

    with pytest.raises(LookupError, match="Organisation"):
        core_search.searchable(Organisation)


@pytest.mark.parametrize("name", ["0002_search_indexes", "0004_search_facet_tokens"])
def test_migrations_keep_a_frozen_copy_of_the_index_sql(name):
    migration = importlib.import_module(f"wenchuang.directory.migrations.{name}")
    source = inspect.getsource(migration)
    imports = [line for line in source.splitlines() if line.startswith(("import", "from"))]
    assert not [line for line in imports if "search" in line]
    # Frozen, but still what the live code would create for these tables today.
    for vendor in ("sqlite", "postgresql"):
        for table in migration.TABLES:
            assert migration.index_sql(vendor, table) == core_search.index_sql(vendor, table)
            assert migration.drop_index_sql(vendor, table) == core_search.drop_index_sql(
                vendor, table
            )


def test_a_park_search_uses_the_same_machinery(cast, directory):
    parks = selectors.directory_list(
        user=cast["public"], model=Park, filters=DirectoryFilters(q="无锡 电影")
    )
    assert [p.name_en for p in parks] == ["Wuxi Studios"]


def test_the_web_process_loads_the_dictionary_and_accent_table_when_it_starts():
    code = (
        "import jieba, wenchuang.wsgi, wenchuang.core.search as s;"
        "print(jieba.dt.initialized, s._segment.cache_info().currsize > 0,"
        " s._combining.cache_info().currsize == 1)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "wenchuang.settings", "PATH": "/usr/bin:/bin", "DEBUG": "1"}
    env["SQLITE_PATH"] = str(settings.DATABASES["default"]["NAME"])
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["True", "True", "True"]


def test_a_search_with_more_matches_than_the_rank_cap_keeps_index_order_and_says_so(
    cast, studios, monkeypatch
):
    monkeypatch.setattr(selectors, "RANK_CAP", 1)
    listing = selectors.directory_listing(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(q="animation")
    )
    assert [e.name_en for e in listing.records] == ["Wuxi Print House", "Wuxi Animation Studio"]
    assert listing.too_large_to_sort and listing.cap == 1
    # A sort the visitor chose keeps the list's own cap.
    by_name = selectors.directory_listing(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(q="animation", sort="-id")
    )
    assert not by_name.too_large_to_sort
