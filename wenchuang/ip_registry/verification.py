"""Checking a certificate against a published tree head, with no database (the CLI's logic).

A certificate (JSON) carries the registration's facts, its log index, a signed tree head and
the inclusion proof against it; a published tree head (JSON, from the registry's page or
API) may carry a consistency proof from the certificate's tree size. Every step is reported,
so that a failure says which one.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from . import canonical, merkle, signing


@dataclass(frozen=True)
class Step:
    ok: bool
    message: str


def _head_ok(head: dict[str, Any], public: bytes) -> bool:
    return signing.verify_tree_head(
        public,
        int(head["tree_size"]),
        int(head["timestamp"]),
        bytes.fromhex(head["root_hash"]),
        head["signature"],
    )


def verify_certificate(
    certificate: dict[str, Any],
    published: dict[str, Any],
    *,
    trusted_key: bytes | None = None,
    content: bytes | None = None,
) -> list[Step]:
    """Each check in order; the certificate holds when every step is ok.

    `trusted_key` is the registry's public key as published (raw 32 bytes); without it the
    key inside the published tree head is used. `content` is the work's file, to compare
    its SHA-256 with the registered one.
    """
    steps: list[Step] = []

    def step(ok: bool, message: str) -> bool:
        steps.append(Step(ok, message))
        return ok

    try:
        public = trusted_key or base64.b64decode(published["public_key"])
        facts = certificate["registration"]
        index = int(certificate["leaf_index"])
        head = certificate["tree_head"]
        proof = [bytes.fromhex(p) for p in certificate["inclusion_proof"]]
    except (KeyError, TypeError, ValueError) as error:
        step(False, f"the certificate or tree head is malformed ({error})")
        return steps
    hashed = merkle.leaf_hash(canonical.encode(facts))
    if not step(
        hashed.hex() == certificate.get("leaf_hash"),
        f"leaf hash of the registration: {hashed.hex()}",
    ):
        return steps
    if content is not None:
        digest = hashlib.sha256(content).hexdigest()
        if not step(digest == facts.get("content_sha256"), f"SHA-256 of the file: {digest}"):
            return steps
    if not step(
        head.get("key_id") == signing.key_id(public) and _head_ok(head, public),
        f"signature of the certificate's tree head (size {head['tree_size']})",
    ):
        return steps
    size = int(head["tree_size"])
    if not step(
        merkle.verify_inclusion(hashed, index, size, proof, bytes.fromhex(head["root_hash"])),
        f"inclusion of entry {index} in the tree of size {size}",
    ):
        return steps
    if not step(
        _head_ok(published, public),
        f"signature of the published tree head (size {published['tree_size']})",
    ):
        return steps
    later = int(published["tree_size"])
    if later == size:
        step(
            published["root_hash"] == head["root_hash"],
            "the published tree head is the certificate's",
        )
        return steps
    if later < size:
        step(False, "the published tree head is older than the certificate's: take a newer one")
        return steps
    consistency = published.get("consistency") or {}
    if int(consistency.get("from_size", -1)) != size:
        step(
            False,
            f"the published tree head carries no consistency proof from size {size} "
            f"(ask for it with ?since={size})",
        )
        return steps
    step(
        merkle.verify_consistency(
            size,
            later,
            [bytes.fromhex(p) for p in consistency.get("proof", [])],
            bytes.fromhex(head["root_hash"]),
            bytes.fromhex(published["root_hash"]),
        ),
        f"the log of size {later} extends the certificate's tree of size {size}",
    )
    return steps
