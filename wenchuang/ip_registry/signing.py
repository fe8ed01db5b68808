"""The installation's Ed25519 key: signs tree heads; its public half is published.

The private key comes from the setting `IP_REGISTRY_SIGNING_KEY` (PEM, e.g. from the
environment) or else from `var/ip-registry/signing-key.pem`, generated on first use with
mode 0600. It is never committed: losing it means starting a new log with a new key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


def key_path() -> Path:
    return Path(
        getattr(
            settings, "IP_REGISTRY_KEY_PATH", settings.VAR_DIR / "ip-registry" / "signing-key.pem"
        )
    )


@functools.cache
def private_key() -> Ed25519PrivateKey:
    pem = getattr(settings, "IP_REGISTRY_SIGNING_KEY", "")
    if pem:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    else:
        path = key_path()
        if not path.exists():
            _generate(path)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the IP registry's signing key must be an Ed25519 key")
    return key


def _generate(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # O_EXCL: two processes starting at once keep the first key, never overwrite it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def public_key_bytes() -> bytes:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def public_key_b64() -> str:
    return base64.b64encode(public_key_bytes()).decode()


def public_key_pem() -> str:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id(public: bytes | None = None) -> str:
    """SHA-256 of the raw public key, in hex: names the key in tree heads and certificates."""
    return hashlib.sha256(public if public is not None else public_key_bytes()).hexdigest()


def tree_head_message(size: int, timestamp: int, root_hash: bytes) -> bytes:
    """The signed bytes, as RFC 6962's TreeHeadSignature: v1, tree_hash, time, size, root."""
    return struct.pack(">BBQQ", 0, 1, timestamp, size) + root_hash


def sign_tree_head(size: int, timestamp: int, root_hash: bytes) -> str:
    return base64.b64encode(
        private_key().sign(tree_head_message(size, timestamp, root_hash))
    ).decode()


def verify_tree_head(
    public: bytes, size: int, timestamp: int, root_hash: bytes, signature_b64: str
) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            base64.b64decode(signature_b64), tree_head_message(size, timestamp, root_hash)
        )
    except (InvalidSignature, ValueError):
        return False
    return True
