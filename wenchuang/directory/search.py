"""Full-text search over directory records, one selector for SQLite FTS5 and PostgreSQL tsvector.

Chinese has no spaces between words, so names and descriptions are segmented with jieba
before they are indexed, and queries are segmented the same way; see
docs/decisions/0002-full-text-search.md for the measurements behind this choice.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from .models import DirectoryRecord

# Searchable tables; the migration creates one index per table on each backend.
SEARCH_TABLES = (
    "directory_enterprise",
    "directory_park",
    "directory_investor",
    "directory_talent",
    "directory_serviceprovider",
)
MAX_QUERY_TOKENS = 8

# Facet tokens: a record's region, category, domain and size as words of its search text
# (zzp320000 = province 320000, zzc = prefecture, zzr = region, zzm / zzn / zzk = major, mid
# and small category, zzd = domain, zza1 / zza0 = above designated size or not). A searched
# list narrowed by a filter adds the filter's token to the MATCH, so FTS5 intersects two
# doclists instead of reading every record that has the word. The same shape is removed
# from what people write and from queries, so nobody can type or plant one.
FACET_PREFIX = "zz"
_FACET = re.compile(r"zz(?:[pcrmnka][0-9]+|d(?:core|related))")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\w\u3400-\u9fff\uf900-\ufaff]+", re.UNICODE)


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _fold(text: str) -> str:
    """Lower case without accents, so 'Musée' matches 'musee' and 'Straße' matches 'strasse'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return text if text.isascii() else _combining().sub("", text)


@cache
def _combining() -> re.Pattern:
    # One regex over every combining mark: the same result as testing each character with
    # unicodedata.combining, without a Python call per character of every document.
    marks = "".join(re.escape(chr(c)) for c in range(0x110000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{marks}]")


def tokens(text: str, *, for_index: bool) -> list[str]:
    """Words of a text: Latin words as they are, Chinese runs cut into words by jieba.

    The index keeps jieba's search-mode cut (both 'Wuxi Studios' style compounds and their
    parts); a query uses the precise cut so that each query word must be present.
    """
    out: list[str] = []
    for word in _WORD.findall(_fold(text)):
        if _HAN.search(word):
            out.extend(w for w in _segment(word, for_index) if not _FACET.fullmatch(w))
        elif not _FACET.fullmatch(word):
            out.append(word)
    return out


# Bulk imports repeat the same runs of Chinese (place names, "主营…" phrases) many times;
# segmenting each once is most of what makes a large import fast. Bounded, so unique
# names only cycle through it.
@lru_cache(maxsize=32768)
def _segment(word: str, for_index: bool) -> tuple[str, ...]:
    jieba = _jieba()
    cut = jieba.cut_for_search(word) if for_index else jieba.cut(word)
    return tuple(w for w in cut if w.strip() and _WORD.fullmatch(w))


def facet(kind: str, value) -> str:
    """The token for one filter value: facet("p", "320000") -> "zzp320000"."""
    return f"{FACET_PREFIX}{kind}{value}"


def facets(record) -> list[str]:
    """The facet tokens of a record (or of a namespace with the same column names)."""
    out = []
    for kind, attr in (("p", "province_code"), ("c", "prefecture_code"), ("r", "region_id")):
        if value := getattr(record, attr, ""):
            out.append(facet(kind, value))
    if getattr(record, "major_code", ""):  # enterprises
        for kind, attr in (("m", "major_code"), ("n", "mid_code"), ("k", "category_id")):
            if value := getattr(record, attr, ""):
                out.append(facet(kind, value))
        if domain := getattr(record, "domain", ""):
            out.append(facet("d", domain))
        above = getattr(record, "above_designated_size", None)
        if above is not None:
            out.append(facet("a", int(bool(above))))
    return out


def text_document(record) -> str:
    """The words of a record's names and descriptions, without its facet tokens."""
    from wenchuang.core.languages import language_fields

    parts = [getattr(record, f) or "" for f in language_fields("name")]
    parts += [getattr(record, f) or "" for f in language_fields("description")]
    return " ".join(tokens(" ".join(parts), for_index=True))


def with_facets(text: str, record) -> str:
    """A search document: the words of the text (already tokenised), then the facet tokens."""
    return " ".join([text, *facets(record)] if text else facets(record))


def document(record: DirectoryRecord) -> str:
    return with_facets(text_document(record), record)


def query_tokens(query: str) -> list[str]:
    return tokens(query, for_index=False)[:MAX_QUERY_TOKENS]


def _fts_query(words: list[str], fts: str) -> str:
    # FTS5 answers a prefix query by merging the doclists of every word with that prefix
    # before returning a row (24 ms for "design"* AND "wuxi"* on 1 M records, 0.1 ms for the
    # exact words). Chinese words are whole jieba words, so they match exactly. The last
    # Latin word is a prefix only when no record has it as a whole word, so that "anim"
    # still finds "animation" while "wuxi" costs what an exact word costs.
    last = words[-1]
    prefix = not _HAN.search(last) and not _indexed_word(fts, last)
    return " AND ".join(
        '"' + w.replace('"', "") + '"' + ("*" if prefix and i == len(words) - 1 else "")
        for i, w in enumerate(words)
    )


def _indexed_word(fts: str, word: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {fts} WHERE {fts} MATCH %s LIMIT 1", ['"' + word.replace('"', "") + '"']
        )
        return cursor.fetchone() is not None


def apply_search(qs: QuerySet, query: str, *, facet_tokens: tuple[str, ...] = ()) -> QuerySet:
    """Narrow `qs` to records whose names or descriptions contain every word of `query`.

    `facet_tokens` repeat filters that `qs` already applies (see `facets`); on SQLite they
    join the MATCH so that FTS5 does the narrowing. They never widen or narrow the result
    on their own, because the SQL filters stay.
    """
    words = query_tokens(query or "")
    if not words:
        return qs
    facet_tokens = tuple(t for t in facet_tokens if _FACET.fullmatch(t))
    table = qs.model._meta.db_table
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        match = RawSQL(
            f"to_tsvector('simple', {table}.search_text) @@ to_tsquery('simple', %s)",
            [tsquery],
            output_field=BooleanField(),
        )
        return qs.alias(_fts=match).filter(_fts=True)
    # A join rather than `id IN (SELECT rowid ...)`: SQLite materialises an IN list in full
    # before returning a row (~150 k rowids for 动漫 on 1 M records), while a join streams
    # the FTS matches in rowid order and stops as soon as a page or a capped count is full.
    fts = f"{table}_fts"
    return qs.extra(
        tables=[fts],
        where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
        params=[" AND ".join([_fts_query(words, fts), *(f'"{t}"' for t in facet_tokens)])],
    )


def matches_more_than(model, query: str, cap: int, *, facet_tokens: tuple[str, ...] = ()) -> bool:
    """Whether more than `cap` records contain the words of `query` (and the facet tokens).

    Counts in the full-text index alone (on 1 M records, 0.6 ms for 动漫 up to 10,000), so
    filters without a facet token are not applied: the answer is an upper bound. PostgreSQL
    answers False: it sorts a bitmap of matches without reading them one by one.
    """
    words = query_tokens(query or "")
    if not words or connection.vendor != "sqlite":
        return False
    facet_tokens = tuple(t for t in facet_tokens if _FACET.fullmatch(t))
    fts = f"{model._meta.db_table}_fts"
    match = " AND ".join([_fts_query(words, fts), *(f'"{t}"' for t in facet_tokens)])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s)",
            [match, cap + 1],
        )
        return cursor.fetchone()[0] > cap


def _searched_fts(qs: QuerySet) -> str | None:
    fts = f"{qs.model._meta.db_table}_fts"
    return fts if fts in qs.query.extra_tables else None


def order_by(qs: QuerySet, *fields: str) -> QuerySet:
    """`qs.order_by(*fields)`, except that a searched list ordered by id follows the FTS index.

    The FTS rowid is the record id, but SQLite only knows the FTS scan is already in rowid
    order when the ORDER BY names the FTS rowid; ordering by the record's id sorts every
    match first.
    """
    fts = _searched_fts(qs)
    if fts is None or not fields or fields[0].lstrip("-") not in {"id", "pk"}:
        return qs.order_by(*fields)
    rowid = RawSQL(f"{fts}.rowid", [])
    return qs.order_by(rowid.desc() if fields[0].startswith("-") else rowid.asc())


def create_index_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"CREATE INDEX {table}_search_gin ON {table} "
            f"USING GIN (to_tsvector('simple', search_text))"
        ]
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.id, old.search_text); "
        f"END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def drop_index_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP INDEX IF EXISTS {table}_search_gin"]
    # The triggers live on the record table, so dropping the FTS table alone leaves them
    # behind, and the next write to a record would fail.
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{t}" for t in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]
