"""Full-text search for any registered model: FTS5 on SQLite, tsvector on PostgreSQL.

A model becomes searchable with `register(Model, document=...)`: it keeps the words of its
names and descriptions in a `search_text` column, a migration creates the index with the SQL
of `index_sql()` copied into it (frozen), and lists narrow and rank with `apply_search`.
Chinese has no spaces between words, so text is segmented with jieba both when it is indexed
and when it is searched; see docs/decisions/0002 and 0005 for the measurements behind this.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from django.db import connection
from django.db.models import BooleanField, FloatField, Model, QuerySet
from django.db.models.expressions import RawSQL

MAX_QUERY_TOKENS = 8
# A Latin word shorter than this is never a prefix: "s"* merges the doclist of every word
# that starts with s, which on a million records is most of the index.
MIN_PREFIX = 3
# Ordering by this alias lists the most relevant records first on both backends.
RANK = "search_rank"

# Facet tokens (zzp320000 = province 320000, ...): filter values stored as words of the
# search text so that FTS5 can intersect a word with a filter in the index. The same shape
# is removed from what people write and from queries, so nobody can type or plant one.
FACET_PREFIX = "zz"
FACET = re.compile(r"zz(?:[pcrmnka][0-9]+|d(?:core|related))")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\w\u3400-\u9fff\uf900-\ufaff]+", re.UNICODE)


# --- Registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Searchable:
    """A model whose `search_text` column is indexed for full-text search."""

    model: type[Model]
    document: Callable[[Model], str]

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"


_registry: dict[str, Searchable] = {}


def register(model: type[Model], *, document: Callable[[Model], str]) -> None:
    """Make `model` searchable; `document(record)` gives the text to store in `search_text`."""
    _registry[model._meta.label_lower] = Searchable(model, document)


def registered() -> list[Searchable]:
    return list(_registry.values())


def searchable(model: type[Model]) -> Searchable:
    try:
        return _registry[model._meta.label_lower]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as searchable") from None


def document(record: Model) -> str:
    """The search text of a record of a registered model."""
    return searchable(type(record)).document(record)


# --- Words --------------------------------------------------------------------------------


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def load_dictionary() -> None:
    """Load jieba's dictionary (about 1 s) and the accent table (about 0.4 s) now.

    Called when a web process starts (wsgi.py), so that the first search does not wait for
    them; not on import, so management commands and tests that never segment text do not
    pay for it.
    """
    _jieba()
    _combining()
    tokens("文化 Musée", for_index=False)


def fold(text: str) -> str:
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
    for word in _WORD.findall(fold(text)):
        if _HAN.search(word):
            out.extend(w for w in _segment(word, for_index) if not FACET.fullmatch(w))
        elif not FACET.fullmatch(word):
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


def query_tokens(query: str) -> list[str]:
    return tokens(query, for_index=False)[:MAX_QUERY_TOKENS]


# --- Queries ------------------------------------------------------------------------------


def _terms(model: type[Model], words: list[str]) -> list[tuple[str, bool]]:
    """(word, is_prefix) for each query word, the same on both backends.

    Chinese words are whole jieba words and match exactly. The last Latin word is a prefix
    only when it has at least MIN_PREFIX letters and no record has it as a whole word, so
    that "anim" finds "animation" while "wuxi" costs what an exact word costs (a prefix
    merges the doclists of every word that starts with it).
    """
    last = words[-1]
    prefix = not _HAN.search(last) and len(last) >= MIN_PREFIX and not _indexed_word(model, last)
    return [(w, prefix and i == len(words) - 1) for i, w in enumerate(words)]


def _fts5_query(terms: list[tuple[str, bool]], facet_tokens: tuple[str, ...] = ()) -> str:
    parts = ['"' + w.replace('"', "") + '"' + ("*" if p else "") for w, p in terms]
    return " AND ".join([*parts, *(f'"{t}"' for t in facet_tokens)])


def _tsquery(terms: list[tuple[str, bool]], facet_tokens: tuple[str, ...] = ()) -> str:
    parts = ["'" + w.replace("'", "") + "'" + (":*" if p else "") for w, p in terms]
    return " & ".join([*parts, *(f"'{t}'" for t in facet_tokens)])


def _tsvector(table: str) -> str:
    # The GIN index is on exactly this expression; any other spelling is not indexed.
    return f"to_tsvector('simple', {table}.search_text)"


def _indexed_word(model: type[Model], word: str) -> bool:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE {_tsvector(table)} @@ to_tsquery('simple', %s) "
                "LIMIT 1",
                [_tsquery([(word, False)])],
            )
        else:
            fts = f"{table}_fts"
            cursor.execute(
                f"SELECT 1 FROM {fts} WHERE {fts} MATCH %s LIMIT 1", [_fts5_query([(word, False)])]
            )
        return cursor.fetchone() is not None


def _facets(facet_tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in facet_tokens if FACET.fullmatch(t))


def apply_search(qs: QuerySet, query: str, *, facet_tokens: tuple[str, ...] = ()) -> QuerySet:
    """Narrow `qs` to records whose text contains every word of `query`.

    Adds the alias `RANK` ("search_rank"): ordering by it lists the most relevant records
    first (bm25 on SQLite, ts_rank on PostgreSQL); it costs nothing unless ordered by.
    `facet_tokens` repeat filters that `qs` already applies (see `facet`); on SQLite they
    join the MATCH so that FTS5 does the narrowing. They never change the result on their
    own, because the SQL filters stay.
    """
    words = query_tokens(query or "")
    if not words:
        return qs
    table = qs.model._meta.db_table
    terms = _terms(qs.model, words)
    if connection.vendor == "postgresql":
        tsquery = _tsquery(terms)
        match = RawSQL(f"{_tsvector(table)} @@ to_tsquery('simple', %s)", [tsquery], BooleanField())
        rank = RawSQL(
            f"-ts_rank({_tsvector(table)}, to_tsquery('simple', %s))", [tsquery], FloatField()
        )
        return qs.alias(_fts=match, **{RANK: rank}).filter(_fts=True)
    # A join rather than `id IN (SELECT rowid ...)`: SQLite materialises an IN list in full
    # before returning a row (~150 k rowids for 动漫 on 1 M records), while a join streams
    # the FTS matches in rowid order and stops as soon as a page or a capped count is full.
    # The unary + on the FTS side of the join keeps SQLite from probing the FTS table by
    # rowid from each record row (running the MATCH once per published record: minutes on
    # a large table). The record side stays a rowid lookup, so the only plan left is to
    # scan the matches and fetch each record, whatever the statistics say.
    fts = f"{table}_fts"
    qs = qs.extra(
        tables=[fts],
        where=[f"{table}.id = +{fts}.rowid", f"{fts} MATCH %s"],
        params=[_fts5_query(terms, _facets(facet_tokens))],
    )
    return qs.alias(**{RANK: RawSQL(f"bm25({fts})", [], FloatField())})


def matches_more_than(model, query: str, cap: int, *, facet_tokens: tuple[str, ...] = ()) -> bool:
    """Whether more than `cap` records contain the words of `query` (and the facet tokens).

    Counts in the full-text index alone (on 1 M records, 0.6 ms for 动漫 up to 10,000), so
    filters without a facet token are not applied: the answer is an upper bound.
    """
    words = query_tokens(query or "")
    if not words:
        return False
    table = model._meta.db_table
    terms = _terms(model, words)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {_tsvector(table)} "
                "@@ to_tsquery('simple', %s) LIMIT %s) AS capped",
                [_tsquery(terms, _facets(facet_tokens)), cap + 1],
            )
        else:
            fts = f"{table}_fts"
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s)",
                [_fts5_query(terms, _facets(facet_tokens)), cap + 1],
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


# --- Index SQL (copied into migrations, never imported by them) ---------------------------


def index_sql(vendor: str, table: str) -> list[str]:
    """The statements that index `table.search_text`; a migration keeps a copy of them.

    Print them for a new model's migration with
    `python -c "from wenchuang.core.search import index_sql; print(index_sql('sqlite', 'T'))"`.
    """
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
