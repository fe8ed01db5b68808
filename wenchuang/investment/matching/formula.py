"""The match score of an investor and a project, as a plain formula over arrays.

The score is FIT_WEIGHT × the structured fit (category, classification, region, ticket size,
stage: what the investor asked for against what the project offers) plus TEXT_WEIGHT × the
text similarity of the two embeddings, clipped to [0, 1]. `scores` computes it as written,
for explanations and tests; `tiles` computes the same sums fast for the ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# How much of the score comes from the structured fit and from the texts.
FIT_WEIGHT = 0.55
TEXT_WEIGHT = 0.45
# The parts of the structured fit: what the investor asked for, and what a project offers.
WEIGHTS = {"category": 0.30, "class": 0.20, "region": 0.20, "ticket": 0.20, "stage": 0.10}
# Credit for a criterion the investor left open: neither a fit nor a miss.
OPEN = 0.5


@dataclass
class Projects:
    """Per project: indices into the vocabularies below (-1 when unknown), amount in CNY."""

    category: np.ndarray  # int32 (N,)
    small: np.ndarray  # int32 (N,), small class index
    mid: np.ndarray  # int32 (N,)
    major: np.ndarray  # int32 (N,)
    county: np.ndarray  # int32 (N,), region index of the project's own region
    prefecture: np.ndarray  # int32 (N,)
    province: np.ndarray  # int32 (N,)
    amount: np.ndarray  # float64 (N,), NaN when none
    stage: np.ndarray  # int32 (N,)
    vectors: np.ndarray  # float32 (N, d), unit length

    def __len__(self) -> int:
        return len(self.category)


@dataclass
class Investors:
    """Per investor: multi-hot wishes over the same vocabularies (rows with no wish = open)."""

    categories: np.ndarray  # bool (P, n_categories)
    small: np.ndarray  # bool (P, n_small)
    mid: np.ndarray  # bool (P, n_mid)
    major: np.ndarray  # bool (P, n_major)
    regions: np.ndarray  # bool (P, n_regions)
    ticket_low: np.ndarray  # float64 (P,), NaN when none
    ticket_high: np.ndarray  # float64 (P,)
    stages: np.ndarray  # bool (P, n_stages)
    vectors: np.ndarray  # float32 (P, d), unit length (feedback already folded in)

    def __len__(self) -> int:
        return len(self.ticket_low)


def _pick(wishes: np.ndarray, index: np.ndarray) -> np.ndarray:
    """wishes[i, index[j]] for a block of investors, False where the index is -1."""
    padded = np.concatenate([wishes, np.zeros((len(wishes), 1), dtype=bool)], axis=1)
    return padded[:, index]  # -1 picks the padding column


def _criterion(wishes: np.ndarray, hit: np.ndarray) -> np.ndarray:
    """1 on a hit, 0 on a miss, OPEN where the investor named no wish."""
    open_rows = ~wishes.any(axis=1)
    out = hit.astype(np.float32)
    out[open_rows] = OPEN
    return out


def fit_parts(inv: Investors, rows: slice | np.ndarray, proj: Projects) -> dict[str, np.ndarray]:
    """Each criterion's credit (block × projects) for the investors in `rows`."""
    cat = _criterion(inv.categories[rows], _pick(inv.categories[rows], proj.category))
    small, mid, major = inv.small[rows], inv.mid[rows], inv.major[rows]
    class_hit = np.maximum.reduce(
        [
            _pick(small, proj.small).astype(np.float32),
            _pick(mid, proj.mid) * np.float32(0.7),
            _pick(major, proj.major) * np.float32(0.4),
        ]
    )
    any_class = small.any(axis=1) | mid.any(axis=1) | major.any(axis=1)
    class_hit[~any_class] = OPEN
    regions = inv.regions[rows]
    region_hit = _pick(regions, proj.county) | _pick(regions, proj.prefecture)
    region_hit |= _pick(regions, proj.province)
    region = _criterion(regions, region_hit)
    low, high = inv.ticket_low[rows][:, None], inv.ticket_high[rows][:, None]
    amount = proj.amount[None, :]
    with np.errstate(invalid="ignore"):
        inside = (np.isnan(low) | (amount >= low)) & (np.isnan(high) | (amount <= high))
    ticket = inside.astype(np.float32)
    unknown = np.isnan(amount) | (np.isnan(low) & np.isnan(high))
    ticket[np.broadcast_to(unknown, ticket.shape)] = OPEN
    stage = _criterion(inv.stages[rows], _pick(inv.stages[rows], proj.stage))
    return {"category": cat, "class": class_hit, "region": region, "ticket": ticket, "stage": stage}


def fit(inv: Investors, rows: slice | np.ndarray, proj: Projects) -> np.ndarray:
    parts = fit_parts(inv, rows, proj)
    total = np.zeros_like(parts["category"])
    for name, weight in WEIGHTS.items():
        total += np.float32(weight) * parts[name]
    return total


def scores(
    inv: Investors, rows: slice, proj: Projects
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, fit, text similarity) for a block of investors against every project: the
    plain formula, for explanations and tests (the ranking uses `tiles`: the same sums)."""
    similarity = inv.vectors[rows] @ proj.vectors.T
    structured = fit(inv, rows, proj)
    total = np.float32(FIT_WEIGHT) * structured + np.float32(TEXT_WEIGHT) * np.clip(
        similarity, 0, 1
    )
    return total, structured, similarity


def pseudo_projects(n: int, **columns: np.ndarray) -> Projects:
    """Projects made of only some columns (the others unknown), to score distinct keys."""
    none = np.full(n, -1, dtype=np.int32)
    names = ("category", "small", "mid", "major", "county", "prefecture", "province", "stage")
    fields = {name: columns.get(name, none) for name in names}
    return Projects(**fields, amount=np.full(n, np.nan), vectors=np.zeros((n, 1), np.float32))
