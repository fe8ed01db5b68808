"""The directory's use of core search: its records' search documents and facet tokens.

Every directory kind registers with `wenchuang.core.search` (in DirectoryConfig.ready); the
generic parts (segmenting, matching, ranking, index SQL) live there. What is directory-only
is the facet tokens: a record's region, category, domain and size as words of its search
text, so that a searched list narrowed by a filter intersects two doclists in FTS5 instead
of probing every record that has the word (docs/decisions/0002-full-text-search.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wenchuang.core import search as core_search
from wenchuang.core.search import (  # noqa: F401  (the directory's search API)
    RANK,
    apply_search,
    facet,
    matches_more_than,
    order_by,
    query_tokens,
    tokens,
)

if TYPE_CHECKING:
    from .models import DirectoryRecord


def facets(record) -> list[str]:
    """The facet tokens of a record (or of a namespace with the same column names).

    zzp320000 = province 320000, zzc = prefecture, zzr = region, zzm / zzn / zzk = major, mid
    and small category, zzd = domain, zza1 / zza0 = above designated size or not; enterprises
    carry all, other records the region ones.
    """
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


def register_all() -> None:
    """Register every directory kind as searchable (called once, from DirectoryConfig.ready)."""
    from .models import Enterprise, Investor, Park, ServiceProvider, Talent

    for model in (Enterprise, Park, Investor, Talent, ServiceProvider):
        core_search.register(model, document=document)
