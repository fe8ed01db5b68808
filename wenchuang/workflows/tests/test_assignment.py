"""Reviewer assignment: conflicts never, K distinct reviewers, even loads, best expertise fit."""

import itertools
import random

from wenchuang.workflows.assignment import (
    FIT_CLASS,
    FIT_MAJOR,
    FIT_MID,
    FIT_NONE,
    Candidate,
    Reviewer,
    assign,
    assign_greedy,
    expertise_fit,
)

# Small classes of the 2018 classification: animation (0241), online games (0242),
# film and TV production (0221), professional design (0323).
ANIMATION, GAMES, FILM, DESIGN = "0241", "0242", "0221", "0323"


def reviewer(rid, *classes, capacity=10):
    return Reviewer(rid, frozenset(classes), capacity)


def check_valid(result, applications, reviewers, k, forbidden=()):
    capacity = {r.id: r.capacity for r in reviewers}
    for app in applications:
        chosen = result.reviewers[app.id]
        assert len(chosen) == len(set(chosen)) <= k
        assert not any((app.id, r) in set(forbidden) for r in chosen)
    assert all(result.loads[r] <= capacity[r] for r in capacity)


def test_fit_prefers_the_class_then_the_mid_then_the_major_category():
    assert expertise_fit(ANIMATION, {ANIMATION}) == FIT_CLASS
    assert expertise_fit(ANIMATION, {GAMES}) == FIT_MID  # both in 024 (animation and games)
    assert expertise_fit(ANIMATION, {FILM}) == FIT_MAJOR  # both in 02 (content creation)
    assert expertise_fit(ANIMATION, {DESIGN}) == FIT_NONE
    assert expertise_fit(ANIMATION, {"02"}) == FIT_MAJOR  # a generalist of the major category
    assert expertise_fit(ANIMATION, {DESIGN, GAMES, ANIMATION}) == FIT_CLASS
    assert expertise_fit("", {ANIMATION}) == FIT_NONE


def test_each_application_gets_k_distinct_reviewers_with_the_best_expertise():
    apps = [Candidate(1, ANIMATION), Candidate(2, DESIGN)]
    experts = [
        reviewer("li", ANIMATION),
        reviewer("wang", GAMES),
        reviewer("zhao", DESIGN),
        reviewer("chen", "0322"),  # industrial design: same mid category 032
        reviewer("sun", FILM),
    ]
    result = assign(apps, experts, per_application=2)
    assert set(result.reviewers[1]) == {"li", "wang"}
    assert set(result.reviewers[2]) == {"zhao", "chen"}
    assert result.total_fit == 3 + 2 + 3 + 2
    assert result.short == {}


def test_a_forbidden_pair_is_never_assigned_even_if_the_fit_is_best():
    apps = [Candidate(1, ANIMATION)]
    experts = [reviewer("li", ANIMATION), reviewer("zhao", DESIGN), reviewer("sun", FILM)]
    result = assign(apps, experts, per_application=2, forbidden=[(1, "li")])
    assert set(result.reviewers[1]) == {"sun", "zhao"}


def test_loads_are_as_even_as_the_problem_allows():
    # The animation expert fits all four best, but two reviewers can share them 2 / 2.
    apps = [Candidate(i, ANIMATION) for i in range(4)]
    experts = [reviewer("li", ANIMATION, capacity=4), reviewer("zhao", DESIGN, capacity=4)]
    balanced = assign(apps, experts, per_application=1)
    assert balanced.loads == {"li": 2, "zhao": 2}
    assert balanced.max_load == 2
    unbalanced = assign(apps, experts, per_application=1, balance=False)
    assert unbalanced.loads == {"li": 4, "zhao": 0}


def test_no_reviewer_takes_more_than_their_capacity():
    apps = [Candidate(i, ANIMATION) for i in range(6)]
    experts = [reviewer("li", ANIMATION, capacity=1), reviewer("wang", GAMES, capacity=5)]
    result = assign(apps, experts, per_application=1)
    assert result.loads["li"] <= 1
    assert result.loads["wang"] == 5  # the rest go to the next best
    assert result.short == {}


def test_applications_lacking_unconflicted_reviewers_are_named_not_failed():
    apps = [Candidate(1, ANIMATION), Candidate(2, ANIMATION)]
    experts = [reviewer("li", ANIMATION), reviewer("wang", GAMES), reviewer("zhao", DESIGN)]
    forbidden = [(1, "li"), (1, "wang")]
    result = assign(apps, experts, per_application=3, forbidden=forbidden)
    assert result.short == {1: 2}
    assert result.reviewers[1] == ("zhao",)
    assert set(result.reviewers[2]) == {"li", "wang", "zhao"}
    assert assign_greedy(apps, experts, per_application=3, forbidden=forbidden).short == {1: 2}


def test_an_empty_call_gives_an_empty_assignment():
    result = assign([], [reviewer("li", ANIMATION)], per_application=3)
    assert result.reviewers == {} and result.max_load == 0


def brute_force_best(apps, experts, k, forbidden):
    """(places filled, fit) of the best assignment within the capacities, by enumeration."""
    options = [
        [
            combo
            for size in range(k + 1)
            for combo in itertools.combinations([r for r in experts], size)
            if not any((app.id, r.id) in forbidden for r in combo)
        ]
        for app in apps
    ]
    best = (-1, -1)
    for choice in itertools.product(*options):
        loads = {}
        for combo in choice:
            for r in combo:
                loads[r.id] = loads.get(r.id, 0) + 1
        if any(loads.get(r.id, 0) > r.capacity for r in experts):
            continue
        filled = sum(len(c) for c in choice)
        fit = sum(
            expertise_fit(app.classification, r.expertise)
            for app, combo in zip(apps, choice, strict=True)
            for r in combo
        )
        best = max(best, (filled, fit))
    return best


def test_the_unbalanced_optimum_matches_an_exhaustive_search_on_small_calls():
    rng = random.Random(7)
    classes = [ANIMATION, GAMES, FILM, DESIGN, "0311", "0110"]
    for _ in range(25):
        apps = [Candidate(i, rng.choice(classes)) for i in range(rng.randint(1, 4))]
        experts = [
            Reviewer(f"r{j}", frozenset(rng.sample(classes, 2)), rng.randint(1, 2))
            for j in range(rng.randint(2, 4))
        ]
        forbidden = {(a.id, r.id) for a in apps for r in experts if rng.random() < 0.2}
        k = rng.randint(1, 2)
        result = assign(apps, experts, per_application=k, forbidden=forbidden, balance=False)
        check_valid(result, apps, experts, k, forbidden)
        filled = sum(len(v) for v in result.reviewers.values())
        assert (filled, result.total_fit) == brute_force_best(apps, experts, k, forbidden)


def test_exact_assignment_beats_the_greedy_baseline_where_greedy_is_short_sighted():
    # Greedy gives the first application the only animation expert; the second then has
    # nobody who fits, although the games expert would have served the first almost as well.
    apps = [Candidate(1, GAMES), Candidate(2, ANIMATION)]
    experts = [
        reviewer("li", ANIMATION, GAMES, capacity=1),
        reviewer("wang", GAMES, capacity=1),
    ]
    greedy = assign_greedy(apps, experts, per_application=1)
    exact = assign(apps, experts, per_application=1)
    assert greedy.reviewers == {1: ("li",), 2: ("wang",)}
    assert exact.reviewers == {1: ("wang",), 2: ("li",)}
    assert exact.total_fit > greedy.total_fit


def test_a_large_random_call_stays_valid_and_balanced():
    rng = random.Random(2026)
    classes = [f"0{m}{s}" for m in range(1, 10) for s in range(10, 13)]
    apps = [Candidate(i, rng.choice(classes)) for i in range(300)]
    experts = [Reviewer(j, frozenset(rng.sample(classes, 2)), 12) for j in range(100)]
    forbidden = {(rng.randrange(300), rng.randrange(100)) for _ in range(400)}
    result = assign(apps, experts, per_application=3, forbidden=forbidden)
    check_valid(result, apps, experts, 3, forbidden)
    assert result.short == {}
    assert result.max_load == 9  # 900 places over 100 reviewers
    optimum = assign(apps, experts, per_application=3, forbidden=forbidden, balance=False)
    check_valid(optimum, apps, experts, 3, forbidden)
    assert optimum.max_load > 9
    assert result.total_fit <= optimum.total_fit
    greedy = assign_greedy(apps, experts, per_application=3, forbidden=forbidden)
    check_valid(greedy, apps, experts, 3, forbidden)
    assert greedy.total_fit <= optimum.total_fit


def test_an_application_with_reviewers_already_gets_only_the_places_left():
    apps = [Candidate(1, ANIMATION, places=1), Candidate(2, ANIMATION)]
    experts = [reviewer("li", ANIMATION), reviewer("wang", GAMES), reviewer("zhao", DESIGN)]
    result = assign(apps, experts, per_application=2)
    assert len(result.reviewers[1]) == 1 and len(result.reviewers[2]) == 2
    assert result.short == {}
    greedy = assign_greedy(apps, experts, per_application=2)
    assert len(greedy.reviewers[1]) == 1
    full = assign([Candidate(3, ANIMATION, places=0)], experts, per_application=2)
    assert full.reviewers == {3: ()} and full.short == {}
