"""Why a project suits an investor, in the reader's language: the criteria that fit, and the
topics both texts are about (keywords of each text paired across languages by the model)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import embeddings

# Two keywords (one from each text) name the same topic from this cosine on.
SAME_TOPIC = 0.6
MAX_TOPICS = 3
KEYWORDS = 8
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ\-]+")
STOPWORDS = frozenset(
    """
    the and for with from into that this these those our are was were has have will would
    can could also their them they its your you who which what when where about over under
    between more most such than then there here very well other some any all each both only
    invest invests investing investment investments investor investors project projects
    company companies fund funds looking seek seeks seeking interested interest million
    les des une pour dans avec sur par aux est sont nous vous leur leurs qui que ces cette
    plus projet projets investissons investissement investir entreprises entreprise
    der die das und für mit von den dem des ein eine einer eines wir sie ist sind auch
    nach bei aus zum zur über oder als wie werden wird projekte projekt investieren
    unternehmen investitionen
    """.split()
)


@lru_cache(maxsize=4096)
def keywords(text: str, limit: int = KEYWORDS) -> list[str]:
    """The text's salient words: jieba's TF-IDF keywords for Chinese, content words (and
    pairs of them) for other languages."""
    found: list[str] = []
    if _HAN.search(text):
        import jieba.analyse

        found += jieba.analyse.extract_tags(text, topK=limit)
    words = [
        w
        for w in _LATIN_WORD.findall(text)
        if (len(w) >= 3 or w.isupper()) and w.lower() not in STOPWORDS
    ]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    found += [*pairs[:limit], *words[:limit]]
    return list(dict.fromkeys(found))


def keyword_vectors(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Every keyword of these texts with its vector, embedded in one batch (cached)."""
    words = list(dict.fromkeys(w for text in texts for w in keywords(text)))
    vectors, _n = embeddings.embed(words)
    return dict(zip(words, vectors, strict=True))


def shared_topics(
    first: str, second: str, vectors: dict[str, np.ndarray] | None = None
) -> list[tuple[str, str]]:
    """Pairs (word of the first text, word of the second) that mean the same, best first.

    `vectors` (from `keyword_vectors`) spares a run embedding the same words for each pair.
    """
    a, b = keywords(first), keywords(second)
    if not a or not b:
        return []
    if vectors is None:
        vectors = keyword_vectors([first, second])
    va = np.stack([vectors[w] for w in a])
    vb = np.stack([vectors[w] for w in b])
    sims = va @ vb.T
    pairs: list[tuple[str, str]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), sims.shape[1])
        if sims[i, j] < SAME_TOPIC or len(pairs) >= MAX_TOPICS:
            break
        if i in used_a or j in used_b or _overlaps(a[i], pairs, 0) or _overlaps(b[j], pairs, 1):
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j]))
    return pairs


def _overlaps(word: str, pairs: list[tuple[str, str]], side: int) -> bool:
    """A word inside a pair already kept ("reality" after "virtual reality") adds nothing."""
    low = word.lower()
    return any(low in p[side].lower() or p[side].lower() in low for p in pairs)


FIT_LABELS = {
    "category": lambda: _("same category"),
    "class": lambda: _("classification fits"),
    "region": lambda: _("region fits"),
    "ticket": lambda: _("ticket size fits"),
    "stage": lambda: _("stage fits"),
}


def _reader_word(pair: Sequence[str], language: str) -> str:
    chinese = [w for w in pair if _HAN.search(w)]
    other = [w for w in pair if not _HAN.search(w)]
    if language.startswith("zh"):
        return (chinese or other)[0]
    return (other or chinese)[0]


def explain(reasons: dict, language: str | None = None) -> str:
    """'same category; ticket size fits; both about VR, museums' in the reader's language."""
    language = language or get_language() or "zh-hans"
    parts = [str(FIT_LABELS[name]()) for name in reasons.get("fits", []) if name in FIT_LABELS]
    topics = list(dict.fromkeys(_reader_word(p, language) for p in reasons.get("topics", [])))
    if topics:
        parts.append(_("both about %(topics)s") % {"topics": ", ".join(topics)})
    return _("; ").join(parts) if parts else _("similar texts")
