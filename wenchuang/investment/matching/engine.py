"""The best projects for every investor and the best investors for every project, exactly.

Pure numpy over arrays, so the same code serves a run in the app and the benchmark. Investors
are taken in blocks: for a block, the text similarity to every project is one matrix product
and the structured fit a few gathers; each investor's top k comes from `argpartition` along
the row, and each project's running top k is merged with the block's column-wise. Nothing
larger than a block × projects matrix is ever held, so memory stays flat as investors grow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# How much of the score comes from the structured fit and from the texts.
FIT_WEIGHT = 0.55
TEXT_WEIGHT = 0.45
# The parts of the structured fit: what the investor asked for, and what a project offers.
WEIGHTS = {"category": 0.30, "class": 0.20, "region": 0.20, "ticket": 0.20, "stage": 0.10}
# Credit for a criterion the investor left open: neither a fit nor a miss.
OPEN = 0.5
BLOCK = 256


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
    plain formula, for explanations and tests (the ranking uses `_Ranker`: the same sums)."""
    similarity = inv.vectors[rows] @ proj.vectors.T
    structured = fit(inv, rows, proj)
    total = np.float32(FIT_WEIGHT) * structured + np.float32(TEXT_WEIGHT) * np.clip(
        similarity, 0, 1
    )
    return total, structured, similarity


def _pseudo(n: int, **columns: np.ndarray) -> Projects:
    """Projects made of only some columns (the others unknown), to score distinct keys."""
    none = np.full(n, -1, dtype=np.int32)
    names = ("category", "small", "mid", "major", "county", "prefecture", "province", "stage")
    fields = {name: columns.get(name, none) for name in names}
    return Projects(**fields, amount=np.full(n, np.nan), vectors=np.zeros((n, 1), np.float32))


class _Ranker:
    """The score of a block of investors against every project, fast.

    The fit's category, classification and stage credits depend on a project only through
    the tuple (category, small, mid, major, stage), and the region credit through (county,
    prefecture, province): a few hundred distinct tuples for any number of projects. Each
    block scores the distinct tuples (with `fit_parts`, so the sums are those of `fit`),
    then one gather per group spreads them over the projects.
    """

    def __init__(self, inv: Investors, proj: Projects):
        self.inv = inv
        combos = np.stack([proj.category, proj.small, proj.mid, proj.major, proj.stage], axis=1)
        rows, combo = np.unique(combos, axis=0, return_inverse=True)
        self.combo = combo.reshape(-1).astype(np.intp)
        self.combos = _pseudo(
            len(rows), category=rows[:, 0], small=rows[:, 1], mid=rows[:, 2], major=rows[:, 3],
            stage=rows[:, 4],
        )  # fmt: skip
        places = np.stack([proj.county, proj.prefecture, proj.province], axis=1)
        rows, place = np.unique(places, axis=0, return_inverse=True)
        self.place = place.reshape(-1).astype(np.intp)
        self.places = _pseudo(
            len(rows), county=rows[:, 0], prefecture=rows[:, 1], province=rows[:, 2]
        )
        self.amount = proj.amount
        self.unknown_amount = np.flatnonzero(np.isnan(proj.amount))
        self.low = np.where(np.isnan(inv.ticket_low), -np.inf, inv.ticket_low)
        self.high = np.where(np.isnan(inv.ticket_high), np.inf, inv.ticket_high)
        self.open_ticket = np.isnan(inv.ticket_low) & np.isnan(inv.ticket_high)
        self.vectors_t = np.ascontiguousarray(proj.vectors.T)

    def block(self, rows: slice) -> np.ndarray:
        fw = np.float32(FIT_WEIGHT)
        total = self.inv.vectors[rows] @ self.vectors_t
        np.clip(total, 0, 1, out=total)
        total *= np.float32(TEXT_WEIGHT)
        parts = fit_parts(self.inv, rows, self.combos)
        table = sum(np.float32(WEIGHTS[k]) * parts[k] for k in ("category", "class", "stage"))
        total += (fw * table)[:, self.combo]
        region = fit_parts(self.inv, rows, self.places)["region"]
        total += (fw * np.float32(WEIGHTS["region"]) * region)[:, self.place]
        inside = (self.amount[None, :] >= self.low[rows, None]) & (
            self.amount[None, :] <= self.high[rows, None]
        )
        ticket = inside.astype(np.float32)
        ticket[:, self.unknown_amount] = OPEN
        ticket[self.open_ticket[rows]] = OPEN
        ticket *= fw * np.float32(WEIGHTS["ticket"])
        total += ticket
        return total


@dataclass
class TopK:
    investor_best: np.ndarray  # int64 (P, k): project indices, best first (-1: fewer)
    investor_scores: np.ndarray  # float32 (P, k)
    project_best: np.ndarray  # int64 (N, k): investor indices, best first
    project_scores: np.ndarray  # float32 (N, k)


def _sorted_top(values: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Indices of the k largest along `axis`, largest first."""
    k = min(k, values.shape[axis])
    part = np.argpartition(-values, k - 1, axis=axis).take(range(k), axis=axis)
    order = np.argsort(-np.take_along_axis(values, part, axis=axis), axis=axis, kind="stable")
    return np.take_along_axis(part, order, axis=axis)


def top_k_both_ways(
    inv: Investors,
    proj: Projects,
    k: int = 10,
    *,
    excluded: dict[int, np.ndarray] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    block: int = BLOCK,
) -> TopK:
    """Exact top k both ways. `excluded[i]` holds project indices investor i declined."""
    n_inv, n_proj = len(inv), len(proj)
    kk = min(k, n_proj)
    investor_best = np.full((n_inv, k), -1, dtype=np.int64)
    investor_scores = np.full((n_inv, k), -np.inf, dtype=np.float32)
    kp = min(k, n_inv)
    project_best = np.full((kp, n_proj), -1, dtype=np.int64)
    project_scores = np.full((kp, n_proj), -np.inf, dtype=np.float32)
    ranker = _Ranker(inv, proj)
    for start in range(0, n_inv, block):
        rows = slice(start, min(start + block, n_inv))
        total = ranker.block(rows)
        for i, declined in (excluded or {}).items():
            if rows.start <= i < rows.stop and len(declined):
                total[i - rows.start, declined] = -np.inf
        if kk:
            best = _sorted_top(total, kk, axis=1)
            investor_best[rows, :kk] = best
            investor_scores[rows, :kk] = np.take_along_axis(total, best, axis=1)
        # Merge the block into each project's running best investors, only where the block
        # beats the running k-th best (after the first blocks, a small share of projects).
        threshold = project_scores[-1]
        columns = np.flatnonzero((total > threshold[None, :]).any(axis=0))
        if columns.size:
            sub = total[:, columns]
            local = _sorted_top(sub, min(kp, sub.shape[0]), axis=0)
            merged_scores = np.concatenate(
                [project_scores[:, columns], np.take_along_axis(sub, local, axis=0)], axis=0
            )
            merged_ids = np.concatenate([project_best[:, columns], local + rows.start], axis=0)
            keep = _sorted_top(merged_scores, kp, axis=0)
            project_scores[:, columns] = np.take_along_axis(merged_scores, keep, axis=0)
            project_best[:, columns] = np.take_along_axis(merged_ids, keep, axis=0)
        if on_progress:
            on_progress(rows.stop, n_inv)
    project_best[~np.isfinite(project_scores)] = -1
    investor_best[~np.isfinite(investor_scores)] = -1
    pad = k - kp
    pb, ps = project_best.T, project_scores.T
    if pad > 0:
        pb = np.pad(pb, ((0, 0), (0, pad)), constant_values=-1)
        ps = np.pad(ps, ((0, 0), (0, pad)), constant_values=-np.inf)
    return TopK(investor_best, investor_scores, np.ascontiguousarray(pb), np.ascontiguousarray(ps))
