"""Reviewer assignment as a pure function: K distinct, unconflicted, balanced reviewers each.

Given applications (each with its culture-industry class), reviewers (expertise classes and a
capacity), K reviewers per application and the forbidden (application, reviewer) pairs, find
an assignment that, in this order of priority:

1. never uses a forbidden pair and never gives an application the same reviewer twice;
2. fills as many of the K-per-application places as the conflicts and capacities allow (the
   applications left short are named, with how many reviewers they lack);
3. keeps the loads even: no reviewer has more than the smallest maximum load that still
   fills as many places (and never more than their capacity);
4. maximises the total expertise fit (`expertise_fit`: same class > same mid category >
   same major category > none).

`assign` solves this exactly as a min-cost flow (OR-Tools): the maximum flow fills the most
places, its least cost gives the best fit, and a bisection on the reviewers' load cap finds
the smallest maximum load that fills as many. `assign(..., balance=False)` is the optimum of
the same problem within the capacities alone (the benchmark's reference); `assign_greedy` the
first-come best-fit baseline. Decision 0017 says why.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

# An application's or a reviewer's id: anything hashable (database ids in the services).
Id = Any

FIT_CLASS = 3  # the reviewer's expertise is the application's class
FIT_MID = 2  # same mid category (the first three digits of the code)
FIT_MAJOR = 1  # same major category (the first two digits)
FIT_NONE = 0


def expertise_fit(classification: str, expertise: Iterable[str]) -> int:
    """How well a reviewer's expertise classes match an application's class (0–3).

    Codes are those of the 2018 classification: "01" a major category, "011" a mid
    category, "0110" a small class. A general expertise ("01") matches a class inside it
    only as well as its own level says.
    """
    best = FIT_NONE
    if not classification:
        return best
    for code in expertise:
        if code == classification:
            return FIT_CLASS
        if len(code) >= 3 and len(classification) >= 3 and code[:3] == classification[:3]:
            best = max(best, FIT_MID)
        elif code[:2] == classification[:2]:
            best = max(best, FIT_MAJOR)
    return best


@dataclass(frozen=True)
class Candidate:
    """An application to review: its id, its culture-industry class code, and how many
    reviewers it still needs when it has some already (K when None)."""

    id: Id
    classification: str
    places: int | None = None

    def needs(self, k: int) -> int:
        return k if self.places is None else max(0, min(k, self.places))


@dataclass(frozen=True)
class Reviewer:
    """A reviewer: id, expertise class codes, and how many applications they take at most."""

    id: Id
    expertise: frozenset[str]
    capacity: int


@dataclass
class Assignment:
    """The reviewers of each application, and what a staff member checks about it."""

    reviewers: dict[Id, tuple[Id, ...]]
    per_application: int
    # How many reviewers each application needed (K, or fewer for one partly reviewed).
    demand: dict[Id, int] = field(default_factory=dict)
    loads: dict[Id, int] = field(default_factory=dict)
    total_fit: int = 0
    # The load no reviewer exceeds (what balancing settled on; the capacity for the others).
    load_cap: int = 0
    method: str = ""

    @property
    def max_load(self) -> int:
        return max(self.loads.values(), default=0)

    @property
    def short(self) -> dict[Id, int]:
        """Applications that lack reviewers, with how many they lack."""
        wanted = self.demand
        return {
            app: wanted.get(app, self.per_application) - len(chosen)
            for app, chosen in self.reviewers.items()
            if len(chosen) < wanted.get(app, self.per_application)
        }


def _finish(
    reviewers: dict[Id, list[Id]],
    applications: Sequence[Candidate],
    experts: Sequence[Reviewer],
    k: int,
    cap: int,
    method: str,
) -> Assignment:
    expertise = {r.id: r.expertise for r in experts}
    loads = {r.id: 0 for r in experts}
    total = 0
    result: dict[Id, tuple[Id, ...]] = {}
    for app in applications:
        chosen = tuple(reviewers.get(app.id, ()))
        result[app.id] = chosen
        for rid in chosen:
            loads[rid] += 1
            total += expertise_fit(app.classification, expertise[rid])
    demand = {app.id: app.needs(k) for app in applications}
    return Assignment(result, k, demand, loads, total, cap, method)


def _forbidden_by_application(
    forbidden: Iterable[tuple[Id, Id]],
) -> dict[Id, frozenset[Id]]:
    by_app: dict[Id, set[Id]] = defaultdict(set)
    for app_id, reviewer_id in forbidden:
        by_app[app_id].add(reviewer_id)
    return {app: frozenset(rs) for app, rs in by_app.items()}


def assign_greedy(
    applications: Sequence[Candidate],
    reviewers: Sequence[Reviewer],
    *,
    per_application: int,
    forbidden: Iterable[tuple[Id, Id]] = (),
) -> Assignment:
    """The baseline: each application in turn takes the best-fitting reviewers still free
    (fit, then the lighter load, then the reviewer's order)."""
    banned = _forbidden_by_application(forbidden)
    loads = {r.id: 0 for r in reviewers}
    chosen: dict[Id, list[Id]] = {}
    for app in applications:
        no = banned.get(app.id, frozenset())
        ranked = sorted(
            (
                (-expertise_fit(app.classification, r.expertise), loads[r.id], i, r.id)
                for i, r in enumerate(reviewers)
                if r.id not in no and loads[r.id] < r.capacity
            ),
        )
        picked = [rid for *_, rid in ranked[: app.needs(per_application)]]
        for rid in picked:
            loads[rid] += 1
        chosen[app.id] = picked
    cap = max((r.capacity for r in reviewers), default=0)
    return _finish(chosen, applications, reviewers, per_application, cap, "greedy")


class _FlowNetwork:
    """Applications and reviewers as a min-cost flow network (OR-Tools).

    source → application (capacity K) → reviewer (capacity 1: never the same reviewer twice;
    no arc for a forbidden pair; unit cost FIT_CLASS − fit) → sink (capacity: the reviewer's
    load cap). The maximum flow of least cost fills the most places, then has the best fit.
    """

    def __init__(
        self,
        applications: Sequence[Candidate],
        reviewers: Sequence[Reviewer],
        k: int,
        banned: dict[Id, frozenset[Id]],
    ) -> None:
        self.applications, self.reviewers = applications, reviewers
        n_a, n_r = len(applications), len(reviewers)
        # Fits per distinct class (146 small classes at most), looked up per application.
        by_class: dict[str, np.ndarray] = {}
        for app in applications:
            if app.classification not in by_class:
                by_class[app.classification] = np.asarray(
                    [expertise_fit(app.classification, r.expertise) for r in reviewers],
                    dtype=np.int64,
                )
        position = {r.id: j for j, r in enumerate(reviewers)}
        allowed = np.ones((n_a, n_r), dtype=bool)
        for i, app in enumerate(applications):
            for rid in banned.get(app.id, ()):
                if rid in position:
                    allowed[i, position[rid]] = False
        fit = np.stack([by_class[app.classification] for app in applications])
        self.pair_app, self.pair_reviewer = np.nonzero(allowed)
        source, sink, first_app, first_reviewer = 0, 1, 2, 2 + n_a
        self.capacity = np.asarray([r.capacity for r in reviewers], dtype=np.int64)
        tails = np.concatenate(
            [
                np.zeros(n_a, dtype=np.int64),
                first_app + self.pair_app,
                first_reviewer + np.arange(n_r),
            ]
        )
        heads = np.concatenate(
            [
                first_app + np.arange(n_a),
                first_reviewer + self.pair_reviewer,
                np.full(n_r, sink),
            ]
        )
        n_pairs = len(self.pair_app)
        capacities = np.concatenate(
            [
                np.asarray([a.needs(k) for a in applications], dtype=np.int64),
                np.ones(n_pairs, dtype=np.int64),
                self.capacity,
            ]
        )
        costs = np.concatenate(
            [
                np.zeros(n_a, dtype=np.int64),
                FIT_CLASS - fit[self.pair_app, self.pair_reviewer],
                np.zeros(n_r, dtype=np.int64),
            ]
        )
        self.flow = min_cost_flow.SimpleMinCostFlow()
        arcs = self.flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
        self.pair_arcs = arcs[n_a : n_a + n_pairs]
        self.load_arcs = arcs[n_a + n_pairs :]
        self.flow.set_node_supply(source, k * n_a)
        self.flow.set_node_supply(sink, -k * n_a)

    def cap_loads(self, cap: int) -> None:
        self.flow.set_arc_capacities(self.load_arcs, np.minimum(self.capacity, cap))

    def solve(self) -> int:
        """Solve; the number of places filled."""
        status = self.flow.solve_max_flow_with_min_cost()
        if status != self.flow.OPTIMAL:  # pragma: no cover - a solver fault, not bad input
            raise RuntimeError(f"min-cost flow: {status}")
        return int(self.flow.maximum_flow())

    def chosen(self) -> dict[Id, list[Id]]:
        used = np.flatnonzero(self.flow.flows(self.pair_arcs) > 0)
        result: dict[Id, list[Id]] = {a.id: [] for a in self.applications}
        for col in used:
            app = self.applications[self.pair_app[col]]
            result[app.id].append(self.reviewers[self.pair_reviewer[col]].id)
        return result


def _smallest_cap(network: _FlowNetwork, filled: int) -> int:
    """The smallest maximum load that still fills `filled` places (a bisection)."""
    top = int(network.capacity.max())
    active = int((network.capacity > 0).sum())
    low = min(top, max(1, math.ceil(filled / max(1, active))))
    while low < top:
        mid = (low + top) // 2
        network.cap_loads(mid)
        if network.solve() >= filled:
            top = mid
        else:
            low = mid + 1
    return top


def assign(
    applications: Sequence[Candidate],
    reviewers: Sequence[Reviewer],
    *,
    per_application: int,
    forbidden: Iterable[tuple[Id, Id]] = (),
    balance: bool = True,
) -> Assignment:
    """The exact assignment (see the module's docstring).

    `balance=False` skips step 3: the optimum of the same problem within each reviewer's
    capacity, against which the benchmark measures the balanced assignment and the greedy
    baseline.
    """
    k = per_application
    method = "exact" if balance else "optimum"
    if not applications or not reviewers or k <= 0:
        return _finish({}, applications, reviewers, k, 0, method)
    network = _FlowNetwork(applications, reviewers, k, _forbidden_by_application(forbidden))
    filled = network.solve()
    cap = int(network.capacity.max())
    if balance and filled:
        cap = _smallest_cap(network, filled)
        network.cap_loads(cap)
        network.solve()
    return _finish(network.chosen(), applications, reviewers, k, cap, method)
