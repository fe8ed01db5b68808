"""Scores a tile of projects against every investor: the formula's sums in a few passes.

A tile is a run of consecutive projects in the order of their amounts, scored against every
investor at once (projects × investors, float32, in a buffer the caller reuses). Each part of
the structured fit depends on little, so it is cheap to spread over a tile:
- the category, classification and stage credits depend on a project only through the tuple
  (category, small, mid, major, stage): a few hundred distinct tuples for any number of
  projects, scored once per investor (with `fit_parts`) and spread by one row gather;
- the region credit is OPEN for an investor who named no region, else 1 on the projects in a
  named region (an index of region → projects finds them) and 0 elsewhere;
- the ticket credit is 1 where the amount lies in the investor's window: with projects sorted
  by amount, a range of positions, so a tile is all in, all out, or cut (a column slice);
  OPEN where the amount or the window is unknown.
The parts are added in the formula's order (text, category + class + stage, region, ticket).
Only the text weight is folded into the investors' vectors, and the similarity clipped to
[0, TEXT_WEIGHT]: the same score up to float rounding, one pass fewer.
"""

from __future__ import annotations

import numpy as np

from .formula import (
    FIT_WEIGHT,
    OPEN,
    TEXT_WEIGHT,
    WEIGHTS,
    Investors,
    Projects,
    fit_parts,
    pseudo_projects,
)

# Investors whose credits for the distinct tuples are scored at once (bounds the temporaries).
CHUNK = 2048


class TileScorer:
    """What every tile needs, computed once: the amount order, the tuples' credits per
    investor, the region index, each investor's ticket window and declined projects."""

    def __init__(
        self, inv: Investors, proj: Projects, excluded: dict[int, np.ndarray] | None = None
    ):
        self.n_inv, self.n_proj = len(inv), len(proj)
        fw = np.float32(FIT_WEIGHT)
        # Position → project index; NaN amounts sort last, so the unknown ones are a tail.
        self.order = np.argsort(proj.amount, kind="stable")
        amount = proj.amount[self.order]
        self.known = int(np.count_nonzero(~np.isnan(amount)))
        self.proj_vectors = proj.vectors
        self.inv_vectors_t = np.ascontiguousarray(
            (inv.vectors * np.float32(TEXT_WEIGHT)).T, dtype=np.float32
        )

        combos = np.stack([proj.category, proj.small, proj.mid, proj.major, proj.stage], axis=1)
        keys, combo = np.unique(combos, axis=0, return_inverse=True)
        self.combo = combo.reshape(-1)[self.order].astype(np.intp)
        distinct = pseudo_projects(
            len(keys), category=keys[:, 0], small=keys[:, 1], mid=keys[:, 2], major=keys[:, 3],
            stage=keys[:, 4],
        )  # fmt: skip
        # Tuples × investors, so that a tile's rows are whole rows of this table.
        self.table = np.empty((len(keys), self.n_inv), dtype=np.float32)
        for start in range(0, self.n_inv, CHUNK):
            rows = slice(start, min(start + CHUNK, self.n_inv))
            parts = fit_parts(inv, rows, distinct)
            table = (
                np.float32(WEIGHTS["category"]) * parts["category"]
                + np.float32(WEIGHTS["class"]) * parts["class"]
                + np.float32(WEIGHTS["stage"]) * parts["stage"]
            )
            self.table[:, rows] = (fw * table).T

        self.region_credit = fw * np.float32(WEIGHTS["region"])
        wishes = inv.regions
        self.region_open = np.where(
            wishes.any(axis=1), np.float32(0), self.region_credit * np.float32(OPEN)
        ).astype(np.float32)
        # The index: sorted keys region × n_proj + position, one per project in the region
        # at any level (a project's county, prefecture and province).
        codes = np.concatenate([proj.county[self.order], proj.prefecture[self.order],
                                proj.province[self.order]])  # fmt: skip
        positions = np.tile(np.arange(self.n_proj), 3)
        valid = codes >= 0
        self.region_keys = np.unique(codes[valid].astype(np.int64) * self.n_proj + positions[valid])
        self.wish_inv, self.wish_region = np.nonzero(wishes)

        self.ticket_credit = fw * np.float32(WEIGHTS["ticket"])
        self.ticket_open = self.ticket_credit * np.float32(OPEN)
        low = np.where(np.isnan(inv.ticket_low), -np.inf, inv.ticket_low)
        high = np.where(np.isnan(inv.ticket_high), np.inf, inv.ticket_high)
        # Each investor's window as positions [lo, hi) among the known amounts.
        self.lo = np.searchsorted(amount[: self.known], low, side="left")
        self.hi = np.searchsorted(amount[: self.known], high, side="right")
        self.open_ticket = np.isnan(inv.ticket_low) & np.isnan(inv.ticket_high)

        rank = np.empty(self.n_proj, dtype=np.intp)
        rank[self.order] = np.arange(self.n_proj)
        declined = [(i, np.asarray(d, dtype=np.intp)) for i, d in (excluded or {}).items()]
        pos = np.concatenate([rank[d] for _i, d in declined] + [np.empty(0, np.intp)])
        who = np.concatenate([np.full(len(d), i) for i, d in declined] + [np.empty(0, np.intp)])
        by_position = np.argsort(pos, kind="stable")
        self.declined_pos, self.declined_inv = pos[by_position], who[by_position]

    def score(self, t0: int, t1: int, buffer: np.ndarray) -> np.ndarray:
        """Positions [t0, t1) × every investor, written into the flat `buffer`."""
        tile = buffer[: (t1 - t0) * self.n_inv].reshape(t1 - t0, self.n_inv)
        np.matmul(self.proj_vectors[self.order[t0:t1]], self.inv_vectors_t, out=tile)
        np.clip(tile, np.float32(0), np.float32(TEXT_WEIGHT), out=tile)
        # In slices of rows: the gathered table stays small (and in cache).
        for start in range(0, t1 - t0, 256):
            tile[start : start + 256] += self.table[
                self.combo[t0 + start : min(t0 + start + 256, t1)]
            ]
        self._region(tile, buffer, t0, t1)
        self._ticket(tile, t0, t1)
        a, b = np.searchsorted(self.declined_pos, [t0, t1])
        tile[self.declined_pos[a:b] - t0, self.declined_inv[a:b]] = -np.inf
        return tile

    def _region(self, tile: np.ndarray, flat: np.ndarray, t0: int, t1: int) -> None:
        tile += self.region_open
        base = self.wish_region.astype(np.int64) * self.n_proj
        lo = np.searchsorted(self.region_keys, base + t0)
        counts = np.searchsorted(self.region_keys, base + t1) - lo
        total = int(counts.sum())
        if not total:
            return
        # Each wish's run of the index, laid end to end.
        ends = np.cumsum(counts)
        runs = np.repeat(lo - (ends - counts), counts) + np.arange(total)
        position = self.region_keys[runs] - np.repeat(base, counts)
        # Wishes may overlap (a province and a county in it): a project is a hit once.
        cells = np.unique((position - t0) * self.n_inv + np.repeat(self.wish_inv, counts))
        flat[cells] += self.region_credit

    def _ticket(self, tile: np.ndarray, t0: int, t1: int) -> None:
        end = min(t1, self.known)
        if end > t0:
            covers = (self.lo <= t0) & (self.hi >= end)
            credit = np.where(
                self.open_ticket, self.ticket_open, np.where(covers, self.ticket_credit, 0)
            ).astype(np.float32)
            tile[: end - t0] += credit
            cut = ~self.open_ticket & ~covers & (self.lo < end) & (self.hi > t0)
            for i in np.flatnonzero(cut & (self.lo < self.hi)):
                a, b = max(int(self.lo[i]), t0), min(int(self.hi[i]), end)
                tile[a - t0 : b - t0, i] += self.ticket_credit
        unknown = max(t0, self.known)
        if t1 > unknown:
            tile[unknown - t0 :] += self.ticket_open
