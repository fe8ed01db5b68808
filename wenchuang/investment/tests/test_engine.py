"""The ranking engine: its top k both ways equal a brute-force ranking of the same scores."""

import threading

import numpy as np

from wenchuang.investment.matching import engine, topk
from wenchuang.investment.matching.tiles import TileScorer


def random_problem(n_inv=37, n_proj=53, seed=7):
    rng = np.random.default_rng(seed)

    def unit(n):
        v = rng.normal(size=(n, 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    proj = engine.Projects(
        category=rng.integers(0, 8, n_proj).astype(np.int32),
        small=rng.integers(-1, 20, n_proj).astype(np.int32),
        mid=rng.integers(-1, 10, n_proj).astype(np.int32),
        major=rng.integers(-1, 5, n_proj).astype(np.int32),
        county=rng.integers(-1, 6, n_proj).astype(np.int32),
        prefecture=rng.integers(-1, 6, n_proj).astype(np.int32),
        province=rng.integers(-1, 6, n_proj).astype(np.int32),
        amount=np.where(rng.random(n_proj) < 0.2, np.nan, rng.uniform(1e6, 1e8, n_proj)),
        stage=rng.integers(0, 5, n_proj).astype(np.int32),
        vectors=unit(n_proj),
    )
    low = np.where(rng.random(n_inv) < 0.3, np.nan, rng.uniform(1e6, 3e7, n_inv))
    inv = engine.Investors(
        categories=rng.random((n_inv, 8)) < 0.2,
        small=rng.random((n_inv, 20)) < 0.05,
        mid=rng.random((n_inv, 10)) < 0.1,
        major=rng.random((n_inv, 5)) < 0.1,
        regions=rng.random((n_inv, 6)) < 0.2,
        ticket_low=low,
        ticket_high=low * 4,
        stages=rng.random((n_inv, 5)) < 0.3,
        vectors=unit(n_inv),
    )
    return inv, proj


def test_top_k_both_ways_is_exact_across_tiles():
    inv, proj = random_problem()
    full, _fit, _sim = engine.scores(inv, slice(0, len(inv)), proj)
    top = engine.top_k_both_ways(inv, proj, k=5, tile=8)
    for i in range(len(inv)):
        expected = np.sort(full[i])[::-1][:5]
        assert np.allclose(top.investor_scores[i], expected)
    for j in range(len(proj)):
        expected = np.sort(full[:, j])[::-1][:5]
        assert np.allclose(top.project_scores[j], expected)
        assert np.allclose(full[top.project_best[j], j], expected)


def test_declined_projects_never_come_back_and_small_problems_pad():
    inv, proj = random_problem(n_inv=3, n_proj=4)
    top = engine.top_k_both_ways(inv, proj, k=10, excluded={0: np.array([1, 2])})
    assert 1 not in top.investor_best[0] and 2 not in top.investor_best[0]
    assert list(top.investor_best[0][2:]) == [-1] * 8
    assert list(top.project_best[0][3:]) == [-1] * 7


def test_an_open_wish_scores_between_a_fit_and_a_miss():
    inv, proj = random_problem(n_inv=2, n_proj=2)
    inv.categories[:] = False
    inv.categories[0, proj.category[0]] = True
    parts = engine.fit_parts(inv, slice(0, 2), proj)
    assert parts["category"][0, 0] == 1.0
    assert parts["category"][1, 0] == engine.OPEN


def tied_problem(n_inv=300, n_proj=400):
    """A few hundred rows where many scores tie: vectors, amounts and wishes repeat."""
    inv, proj = random_problem(n_inv, n_proj, seed=11)
    proj.vectors = proj.vectors[np.arange(n_proj) % 25]
    proj.amount = np.where(np.isnan(proj.amount), np.nan, np.round(proj.amount, -7))
    inv.vectors = inv.vectors[np.arange(n_inv) % 30]
    return inv, proj


def test_threads_give_the_same_top_k_as_one_pass_tile_by_tile():
    inv, proj = tied_problem()
    excluded = {0: np.array([3, 5, 8]), 7: np.arange(0, 400, 2)}
    one = engine.top_k_both_ways(inv, proj, k=10, excluded=excluded, tile=23, workers=1)
    for workers in (2, 3):
        progress: list[tuple[int, int, int]] = []

        def report(done, total, progress=progress):
            progress.append((done, total, threading.get_ident()))

        threaded = engine.top_k_both_ways(
            inv, proj, k=10, excluded=excluded, tile=23, workers=workers, on_progress=report
        )
        # Progress comes from the calling thread (a callback may use the database).
        assert progress[-1][:2] == (400, 400)
        assert {ident for _d, _t, ident in progress} == {threading.get_ident()}
        for name in ("investor_best", "investor_scores", "project_best", "project_scores"):
            assert np.array_equal(getattr(threaded, name), getattr(one, name)), name


def test_ties_go_to_the_lower_index_whatever_the_tiles():
    inv, proj = tied_problem()
    # The scores as the ranking computes them, by the same tiles: the matrix product's
    # rounding may depend on a tile's shape.
    scorer = TileScorer(inv, proj)
    buffer = np.empty(17 * len(inv), dtype=np.float32)
    full = np.empty((len(inv), len(proj)), dtype=np.float32)
    for t0 in range(0, len(proj), 17):
        t1 = min(t0 + 17, len(proj))
        full[:, scorer.order[t0:t1]] = scorer.score(t0, t1, buffer).T
    top = engine.top_k_both_ways(inv, proj, k=10, tile=17, workers=2)
    for i in range(len(inv)):
        expected = np.lexsort((np.arange(len(proj)), -full[i]))[:10]
        assert list(top.investor_best[i]) == list(expected)
    for j in range(len(proj)):
        expected = np.lexsort((np.arange(len(inv)), -full[:, j]))[:10]
        assert list(top.project_best[j]) == list(expected)
    # Ties there are: the rule above is what decided.
    assert any(len(set(full[i][top.investor_best[i]])) < 10 for i in range(len(inv)))


def test_the_packed_sort_ranks_as_lexsort_does():
    rng = np.random.default_rng(3)
    group = rng.integers(0, 50, 5000)
    index = rng.permutation(5000)
    score = rng.choice(np.array([0.0, 0.25, 0.5, 0.7, -0.0], dtype=np.float32), 5000)
    packed = topk._ranked(group, index, score, 7, n_index=5000)
    fallback = topk._ranked(group, index, score, 7, n_index=2**40)  # too wide to pack
    for a, b in zip(packed, fallback, strict=True):
        assert np.array_equal(a, b)
