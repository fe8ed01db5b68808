"""The ranking engine: its top k both ways equal a brute-force ranking of the same scores."""

import numpy as np

from wenchuang.investment.matching import engine


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


def test_top_k_both_ways_is_exact_across_blocks():
    inv, proj = random_problem()
    full, _fit, _sim = engine.scores(inv, slice(0, len(inv)), proj)
    top = engine.top_k_both_ways(inv, proj, k=5, block=8)
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
