"""The canonical bytes of a registration: what the log's leaf holds and a certificate repeats.

UTF-8 JSON with sorted keys and no spaces, so that anyone can rebuild the same bytes from a
certificate's fields and check the leaf hash. Version 1 holds exactly these fields; a change
of fields is a new version number, never a silent change.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

VERSION = 1


def registration(work: Any) -> dict[str, Any]:
    """The declared facts of a registration, as the log keeps them."""
    return {
        "v": VERSION,
        "registry_id": work.pk,
        "title": work.title,
        "language": work.language,
        "kind": work.kind,
        "authors": work.author_list,
        "created_on": work.created_on.isoformat(),
        "holder": work.holder,
        "content_sha256": work.content_sha256,
        "registered_at": _utc(work.registered_at),
    }


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def encode(facts: dict[str, Any]) -> bytes:
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def leaf_of(work: Any) -> bytes:
    return encode(registration(work))
