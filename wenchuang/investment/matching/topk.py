"""The k best of each row and of each column of score tiles, exactly, ties to the lower index.

Neither direction sorts whole rows. A lower bound on the k-th best score keeps only the cells
at or above it as candidates, and only those are sorted (best score first, then the lower
index, so the result does not depend on the order tiles come in). The bound: split a row
into g ≥ k groups of columns; the k-th largest of the groups' maxima is k distinct cells, so
it is at most the row's k-th best (one max pass, and few cells above it).
- `best_per_row`: a tile's rows are complete (a project against every investor).
- `RunningBest`: each column's k best (an investor's projects) are merged tile after tile;
  the bound is the k-th best kept so far, or on a column's first tile that tile's own.
"""

from __future__ import annotations

import numpy as np

# Groups for the bound: more is a tighter bound and a slower pass (measured on 2,560 × 10,000).
GROUPS = 64
SIGN = np.uint32(0x80000000)


def _group_bound(tile: np.ndarray, k: int, axis: int) -> np.ndarray:
    """A lower bound of each row's (axis=1) or column's (axis=0) k-th best, k ≤ its length."""
    length = tile.shape[axis]
    groups = max(k, min(GROUPS, length))
    width = length // groups
    if axis == 1:
        maxima = tile[:, : groups * width].reshape(len(tile), groups, width).max(axis=2)
        return np.partition(maxima, groups - k, axis=1)[:, groups - k]
    maxima = tile[: groups * width].reshape(groups, width, tile.shape[1]).max(axis=1)
    return np.partition(maxima, groups - k, axis=0)[groups - k]


def _ranked(
    group: np.ndarray, index: np.ndarray, score: np.ndarray, k: int, n_index: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(group, rank, index, score) of each group's k best entries; scores finite, ≥ 0 or not,
    indices below n_index."""
    n_groups = int(group.max(initial=0)) + 1
    if n_groups * n_index < 2**32:
        # One sort of uint64 keys (group, score descending, index): far faster than lexsort.
        bits = (score + np.float32(0)).view(np.uint32)  # + 0 makes -0.0 into 0.0
        ascending = np.where(bits & SIGN, ~bits, bits | SIGN)
        key = (group.astype(np.uint64) << np.uint64(32)) | (~ascending).astype(np.uint64)
        key = np.sort(key * np.uint64(n_index) + index.astype(np.uint64))
        index = (key % np.uint64(n_index)).astype(np.int64)
        key //= np.uint64(n_index)
        group = (key >> np.uint64(32)).astype(np.int64)
        ascending = ~(key & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        bits = np.where(ascending & SIGN, ascending ^ SIGN, ~ascending)
        score = bits.view(np.float32)
    else:
        order = np.lexsort((index, -score, group))
        group, index, score = group[order], index[order], score[order]
    position = np.arange(len(group))
    first = np.ones(len(group), dtype=bool)
    first[1:] = group[1:] != group[:-1]
    rank = position - np.maximum.accumulate(np.where(first, position, 0))
    keep = rank < k
    return group[keep], rank[keep], index[keep], score[keep]


def _candidates(
    tile: np.ndarray, bound: np.ndarray, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, score) of the cells at or above the bound (broadcast), finite only:
    a declined pair (-inf) is never a match."""
    np.greater_equal(tile, bound, out=mask)
    cells = np.flatnonzero(mask)
    score = tile.reshape(-1)[cells]
    finite = np.isfinite(score)
    row, column = np.divmod(cells[finite], tile.shape[1])
    return row, column, score[finite]


def best_per_row(tile: np.ndarray, k: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k best columns (k ≤ columns; -1 past the finite ones) and their scores."""
    n, m = tile.shape
    row, column, score = _candidates(tile, _group_bound(tile, k, axis=1)[:, None], mask)
    row, rank, column, score = _ranked(row, column, score, k, m)
    best = np.full((n, k), -1, dtype=np.int64)
    best_scores = np.full((n, k), -np.inf, dtype=np.float32)
    best[row, rank] = column
    best_scores[row, rank] = score
    return best, best_scores


class RunningBest:
    """Each column's k best rows over the tiles offered so far (rows named by `index`,
    below n_index)."""

    def __init__(self, columns: int, k: int, n_index: int):
        self.k, self.n_index = k, n_index
        self.index = np.full((columns, k), -1, dtype=np.int64)
        self.score = np.full((columns, k), -np.inf, dtype=np.float32)

    def offer(self, tile: np.ndarray, index: np.ndarray, mask: np.ndarray) -> None:
        """Merge a tile whose rows are `index`; `mask` is a bool buffer of the tile's shape."""
        bound = self.score[:, -1]
        if np.isneginf(bound).any():  # fewer than k kept: the tile's own bound helps
            own = _group_bound(tile, min(self.k, len(tile)), axis=0)
            bound = np.maximum(bound, own)
        row, column, score = _candidates(tile, bound[None, :], mask)
        self._merge(column, index[row], score)

    def absorb(self, other: RunningBest) -> None:
        """Merge another's kept rows (another thread's tiles)."""
        kept = other.index >= 0
        column = np.repeat(np.arange(len(other.index)), self.k).reshape(kept.shape)
        self._merge(column[kept], other.index[kept], other.score[kept])

    def _merge(self, column: np.ndarray, index: np.ndarray, score: np.ndarray) -> None:
        touched = np.flatnonzero(np.bincount(column, minlength=len(self.index)))
        kept = self.index[touched] >= 0
        column = np.concatenate([np.repeat(touched, self.k)[kept.reshape(-1)], column])
        index = np.concatenate([self.index[touched][kept], index])
        score = np.concatenate([self.score[touched][kept], score])
        column, rank, index, score = _ranked(column, index, score, self.k, self.n_index)
        self.index[touched], self.score[touched] = -1, -np.inf
        self.index[column, rank] = index
        self.score[column, rank] = score
