"""A work's certificate: its registration, log index, a signed tree head and the proof."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404

from . import log
from .models import Work

FORMAT = "wenchuang-work-certificate/1"


def certificate_data(work: Work) -> dict[str, Any]:
    """The certificate against the newest tree head (its inclusion proof reads the log)."""
    entry = getattr(work, "log_entry", None)
    head = log.latest_head()
    if entry is None or head is None:
        raise Http404("not in the log")
    leaf = bytes(entry.leaf)
    return {
        "format": FORMAT,
        "registration": json.loads(leaf),
        "leaf_index": entry.index,
        "leaf_hash": entry.leaf_hash,
        "tree_head": log.head_json(head),
        "inclusion_proof": [p.hex() for p in log.inclusion_proof(entry.index, head.size)],
    }


def published_head(since: int | None = None) -> dict[str, Any]:
    """The newest signed tree head, with a consistency proof from `since` when asked."""
    head = log.latest_head()
    if head is None:
        raise Http404("empty log")
    data = log.head_json(head)
    if since is not None and 0 < since <= head.size:
        data["consistency"] = {
            "from_size": since,
            "proof": [p.hex() for p in log.consistency_proof(since, head.size)],
        }
    return data


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
