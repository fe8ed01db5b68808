"""The best projects for every investor and the best investors for every project, exactly.

Pure numpy over arrays, so the same code serves a run in the app and the benchmark. Projects
are taken in tiles (`tiles`: a run of projects against every investor, one matrix product and
a few passes). A project's best investors are complete within its tile; an investor's best
projects are merged tile after tile (`topk`). Threads take tiles in turn, because numpy
releases the GIL in the matrix product, the ufuncs, gathers and sorts (BLAS itself is held
to one thread): each thread keeps its own investors' best, merged at the end, and ties go to
the lower index, so the result is the same for any number of threads. Memory: a tile and a
mask per thread, whatever the sizes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from .formula import (
    FIT_WEIGHT,
    OPEN,
    TEXT_WEIGHT,
    WEIGHTS,
    Investors,
    Projects,
    fit,
    fit_parts,
    scores,
)
from .tiles import TileScorer
from .topk import RunningBest, best_per_row

__all__ = [
    "FIT_WEIGHT",
    "OPEN",
    "TEXT_WEIGHT",
    "WEIGHTS",
    "Investors",
    "Projects",
    "TopK",
    "fit",
    "fit_parts",
    "scores",
    "top_k_both_ways",
]

# Cells of a tile: 100 MB of float32 (and a 25 MB mask) per thread.
TILE_CELLS = 256 * 100_000
# Threads beyond this add memory (a tile each) more than speed on a shared server.
MAX_WORKERS = 4


@dataclass
class TopK:
    investor_best: np.ndarray  # int64 (P, k): project indices, best first (-1: fewer)
    investor_scores: np.ndarray  # float32 (P, k)
    project_best: np.ndarray  # int64 (N, k): investor indices, best first
    project_scores: np.ndarray  # float32 (N, k)


def top_k_both_ways(
    inv: Investors,
    proj: Projects,
    k: int = 10,
    *,
    excluded: dict[int, np.ndarray] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    tile: int | None = None,
    workers: int | None = None,
) -> TopK:
    """Exact top k both ways. `excluded[i]` holds project indices investor i declined.
    `tile`: projects per tile (default: TILE_CELLS cells); `workers`: threads (default: the
    cores, at most MAX_WORKERS). `on_progress(done, total)` counts projects, in this thread."""
    n_inv, n_proj = len(inv), len(proj)
    top = TopK(
        np.full((n_inv, k), -1, dtype=np.int64),
        np.full((n_inv, k), -np.inf, dtype=np.float32),
        np.full((n_proj, k), -1, dtype=np.int64),
        np.full((n_proj, k), -np.inf, dtype=np.float32),
    )
    if not (n_inv and n_proj and k):
        return top
    scorer = TileScorer(inv, proj, excluded)
    size = tile or max(1, TILE_CELLS // n_inv)
    starts = iter(range(0, n_proj, size))
    lock = threading.Lock()
    done = [0]
    kp = min(k, n_inv)

    def work(report: Callable[[int, int], None] | None = None) -> RunningBest:
        best = RunningBest(n_inv, k, n_proj)
        buffer = np.empty(min(size, n_proj) * n_inv, dtype=np.float32)
        mask_buffer = np.empty(buffer.size, dtype=bool)
        while True:
            with lock:
                t0 = next(starts, None)
            if t0 is None:
                return best
            t1 = min(t0 + size, n_proj)
            matrix = scorer.score(t0, t1, buffer)
            mask = mask_buffer[: matrix.size].reshape(matrix.shape)
            ids = scorer.order[t0:t1]
            # Rows of different tiles are different projects: threads write apart.
            top.project_best[ids, :kp], top.project_scores[ids, :kp] = best_per_row(
                matrix, kp, mask
            )
            best.offer(matrix, ids, mask)
            with lock:
                done[0] += t1 - t0
            work_done(report)

    def work_done(report: Callable[[int, int], None] | None) -> None:
        if report:
            report(done[0], n_proj)

    n_workers = workers or min(os.cpu_count() or 1, MAX_WORKERS)
    n_workers = max(1, min(n_workers, -(-n_proj // size)))
    # One BLAS thread per worker: the workers already use the cores (BLAS threads on top
    # oversubscribe them: 15 % more CPU time, measured), and OpenBLAS rounds a product
    # differently with another number of threads, so the result would depend on `workers`.
    with threadpool_limits(limits=1, user_api="blas"):
        if n_workers == 1:
            bests = [work(on_progress)]
        else:
            bests = _in_threads(work, n_workers, lambda: work_done(on_progress))
    for other in bests[1:]:
        bests[0].absorb(other)
    top.investor_best, top.investor_scores = bests[0].index, bests[0].score
    return top


def _in_threads(work: Callable[[], RunningBest], n: int, report: Callable[[], None]) -> list:
    """`work` in n threads; `report` is called from this thread meanwhile (a progress
    callback may use the database, whose connections are per thread)."""
    with ThreadPoolExecutor(n, thread_name_prefix="matching") as pool:
        futures = [pool.submit(work) for _ in range(n)]
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            report()
            for future in finished:
                future.result()  # a worker's error, raised here
        return [future.result() for future in futures]
