"""The registration log in the database: appends, signed tree heads, proofs, a full check.

Appends are serialised by locking one row (`LogLock`, SELECT … FOR UPDATE; SQLite's writers
are serialised anyway), so two registrations at once get consecutive, distinct indexes.
Every append signs a new tree head; the root is computed from the previous head's frontier
in O(log n). Proofs read the leaf hashes up to the tree's size (merkle.py does the rest).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import merkle, signing
from .models import LogEntry, LogLock, TreeHead


def _lock() -> None:
    if not LogLock.objects.select_for_update().filter(pk=1).exists():
        LogLock.objects.get_or_create(pk=1)
        LogLock.objects.select_for_update().filter(pk=1).exists()


@transaction.atomic
def append(leaf: bytes, *, work: Any = None) -> tuple[LogEntry, TreeHead]:
    """Add one leaf at the end of the log and sign the new tree head."""
    _lock()
    head = latest_head()
    size = head.size if head else 0
    frontier = [bytes.fromhex(h) for h in head.frontier] if head else []
    hashed = merkle.leaf_hash(leaf)
    entry = LogEntry.objects.create(
        index=size, work=work, leaf=leaf, leaf_hash=hashed.hex(), appended_at=timezone.now()
    )
    frontier = merkle.frontier_append(frontier, size, hashed)
    new_head = sign_head(size + 1, merkle.frontier_root(frontier), frontier)
    return entry, new_head


def sign_head(size: int, root: bytes, frontier: list[bytes]) -> TreeHead:
    timestamp = int(time.time() * 1000)
    return TreeHead.objects.create(
        size=size,
        root_hash=root.hex(),
        timestamp=timestamp,
        signature=signing.sign_tree_head(size, timestamp, root),
        key_id=signing.key_id(),
        frontier=[h.hex() for h in frontier],
    )


def latest_head() -> TreeHead | None:
    return TreeHead.objects.order_by("-size").first()


def head_of_size(size: int) -> TreeHead | None:
    return TreeHead.objects.filter(size=size).first()


def leaf_hashes(size: int) -> list[bytes]:
    """The first `size` leaf hashes, in log order."""
    return [
        bytes.fromhex(h)
        for h in LogEntry.objects.filter(index__lt=size)
        .order_by("index")
        .values_list("leaf_hash", flat=True)
        .iterator(chunk_size=50_000)
    ]


def inclusion_proof(index: int, size: int) -> list[bytes]:
    return merkle.inclusion_proof(index, leaf_hashes(size))


def consistency_proof(first: int, second: int) -> list[bytes]:
    return merkle.consistency_proof(first, leaf_hashes(second))


def head_json(head: TreeHead) -> dict[str, Any]:
    """A tree head as published: enough, with the public key, to check its signature."""
    return {
        "tree_size": head.size,
        "root_hash": head.root_hash,
        "timestamp": head.timestamp,
        "signature": head.signature,
        "key_id": head.key_id,
        "public_key": signing.public_key_b64(),
    }


@dataclass(frozen=True)
class Problem:
    index: int | None  # the first bad entry, when one can be named
    message: str


def check(*, canonical_of=None) -> list[Problem]:
    """Recompute the whole log: every leaf hash, every tree head's root and signature.

    Stops at the first bad entry (what follows it cannot be trusted either); `canonical_of`
    (work -> bytes) also compares each leaf with the registration still in the database.
    """
    problems: list[Problem] = []
    hashes: list[bytes] = []
    frontier: list[bytes] = []
    heads = {h.size: h for h in TreeHead.objects.order_by("size")}
    public = signing.public_key_bytes()
    expected = 0
    entries = LogEntry.objects.select_related("work").order_by("index").iterator(chunk_size=5000)
    for entry in entries:
        if entry.index != expected:
            return [Problem(expected, f"entry {expected} is missing (next is {entry.index})")]
        leaf = bytes(entry.leaf)
        hashed = merkle.leaf_hash(leaf)
        if hashed.hex() != entry.leaf_hash:
            return [
                Problem(entry.index, f"entry {entry.index}: its leaf hash does not match its bytes")
            ]
        if canonical_of is not None and entry.work is not None and canonical_of(entry.work) != leaf:
            return [
                Problem(
                    entry.index,
                    f"entry {entry.index}: the registration in the database differs from the log",
                )
            ]
        frontier = merkle.frontier_append(frontier, expected, hashed)
        hashes.append(hashed)
        expected += 1
        head = heads.get(expected)
        if head is not None:
            root = merkle.frontier_root(frontier)
            if root.hex() != head.root_hash:
                return [
                    Problem(
                        entry.index,
                        f"tree head of size {expected}: the root does not match the entries; "
                        f"entry {entry.index} or an earlier one was altered",
                    )
                ]
            if not signing.verify_tree_head(
                public, head.size, head.timestamp, root, head.signature
            ):
                return [Problem(None, f"tree head of size {expected}: the signature is not valid")]
    for size in heads:
        if size > expected:
            problems.append(
                Problem(expected, f"tree head of size {size} but only {expected} entries")
            )
    return problems
