"""The words of a news item for the full-text index (core.search): every language's text."""

from __future__ import annotations

import re

from wenchuang.core import search

_TAG = re.compile(r"<[^>]+>")
KINDS = ("news", "policy", "call", "event")


def document(item) -> str:
    parts = []
    for suffix in ("zh_hans", "en", "fr", "de"):
        parts += [
            getattr(item, f"title_{suffix}", ""),
            getattr(item, f"summary_{suffix}", ""),
            _TAG.sub(" ", getattr(item, f"body_{suffix}", "")),
        ]
    parts += [item.issuing_authority, item.document_number]
    words = search.tokens(" ".join(p for p in parts if p), for_index=True)
    # Facet tokens: the kind filter is intersected inside the index (see core.search.facet).
    if item.kind in KINDS:
        words.append(search.facet("k", KINDS.index(item.kind)))
    return " ".join(words)


def kind_facet(kind: str) -> tuple[str, ...]:
    return (search.facet("k", KINDS.index(kind)),) if kind in KINDS else ()
