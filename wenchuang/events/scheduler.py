"""The 1:1 meeting scheduler: accepted requests into slots × tables (pure; no database).

The problem: each accepted request (two participants) gets at most one slot in which both
are available and neither already meets someone, and a free table of that slot. Tables of a
slot are interchangeable, so the model chooses a slot per request under a capacity per slot
(its free tables) and hands out the tables afterwards.

Priorities, in this order: confirmed meetings stay where they are (their participants and
tables are taken before anything is placed); as many must-meet requests as possible; then as
many meetings as possible. The weighted objective `must × (N + 1) + all` makes the order
lexicographic: one more must-meet meeting outweighs every other meeting together.

Solving: a most-constrained-first greedy gives a good schedule at once; CP-SAT (OR-Tools)
then improves it from that hint within a time limit, so a run always ends with at least the
greedy's schedule. `lp_upper_bound` solves the LP relaxation of the same problem (GLOP) for
the benchmark's quality ratio; `first_fit` is the naive baseline it is compared with.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Participant = Hashable
Slot = Hashable
Table = Hashable

# Why a request stayed unplaced (the service turns the code into a translated message).
NO_COMMON_SLOT = "no_common_slot"
NO_ROOM = "no_room"  # common slots exist, but one of them is busy or no table is free then


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between participants `a` and `b`."""

    id: Hashable
    a: Participant
    b: Participant
    must: bool = False


@dataclass(frozen=True)
class Placement:
    request: Hashable
    slot: Slot
    table: Table


@dataclass
class Problem:
    """Everything the scheduler needs, in plain values.

    `slots` in time order; `availability[p]` the slots participant p may meet in;
    `tables[s]` the tables that may be used in slot s (online rooms for an online slot);
    `fixed` the confirmed meetings that stay.
    """

    requests: Sequence[Request]
    slots: Sequence[Slot]
    availability: Mapping[Participant, Iterable[Slot]]
    tables: Mapping[Slot, Sequence[Table]]
    fixed: Sequence[Placement] = ()


@dataclass
class Schedule:
    placements: list[Placement]
    unplaced: dict[Hashable, str]
    kept: int = 0
    must_total: int = 0
    must_placed: int = 0
    solver: str = "greedy"
    seconds: float = 0.0
    stats: dict = field(default_factory=dict)

    @property
    def placed(self) -> int:
        return len(self.placements)


Progress = Callable[[int], None]


class _Prepared:
    """The problem after the fixed meetings took their participants and tables."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.slot_index = {s: i for i, s in enumerate(problem.slots)}
        free_tables = {s: list(problem.tables.get(s, ())) for s in problem.slots}
        busy: set[tuple[Participant, Slot]] = set()
        by_id = {r.id: r for r in problem.requests}
        self.kept: list[Placement] = []
        for placement in problem.fixed:
            request = by_id.get(placement.request)
            if request is None or placement.slot not in free_tables:
                continue
            if placement.table in free_tables[placement.slot]:
                free_tables[placement.slot].remove(placement.table)
            busy.add((request.a, placement.slot))
            busy.add((request.b, placement.slot))
            self.kept.append(placement)
        self.free_tables = free_tables
        self.busy = busy
        kept_ids = {p.request for p in self.kept}
        available = {p: set(slots) for p, slots in problem.availability.items()}
        self.open: list[Request] = []
        self.candidates: dict[Hashable, list[Slot]] = {}
        self.unplaced: dict[Hashable, str] = {}
        for r in problem.requests:
            if r.id in kept_ids:
                continue
            if r.a == r.b:
                self.unplaced[r.id] = NO_COMMON_SLOT
                continue
            common = available.get(r.a, set()) & available.get(r.b, set())
            if not common:
                self.unplaced[r.id] = NO_COMMON_SLOT
                continue
            slots = [
                s
                for s in problem.slots
                if s in common and free_tables[s] and (r.a, s) not in busy and (r.b, s) not in busy
            ]
            if not slots:
                self.unplaced[r.id] = NO_ROOM
                continue
            self.open.append(r)
            self.candidates[r.id] = slots
        self.weight_must = len(self.open) + 1

    def weight(self, r: Request) -> int:
        return self.weight_must + 1 if r.must else 1

    def finish(self, chosen: Mapping[Hashable, Slot], solver: str, started: float) -> Schedule:
        """Tables for the chosen slots, and the reasons for what stays unplaced."""
        tables = {s: list(t) for s, t in self.free_tables.items()}
        placements = list(self.kept)
        unplaced = dict(self.unplaced)
        for r in self.open:
            slot = chosen.get(r.id)
            if slot is None:
                unplaced[r.id] = NO_ROOM
                continue
            placements.append(Placement(r.id, slot, tables[slot].pop(0)))
        must_ids = {r.id for r in self.problem.requests if r.must}
        return Schedule(
            placements=placements,
            unplaced=unplaced,
            kept=len(self.kept),
            must_total=len(must_ids),
            must_placed=sum(1 for p in placements if p.request in must_ids),
            solver=solver,
            seconds=time.monotonic() - started,
        )


def _greedy(prep: _Prepared) -> dict[Hashable, Slot]:
    """Must-meet first, the most constrained request first, into its least crowded slot."""
    room = {s: len(t) for s, t in prep.free_tables.items()}
    busy = set(prep.busy)
    load: dict[Participant, int] = defaultdict(int)
    for r in prep.open:
        load[r.a] += 1
        load[r.b] += 1
    order = sorted(
        prep.open,
        key=lambda r: (not r.must, len(prep.candidates[r.id]), -(load[r.a] + load[r.b])),
    )
    chosen: dict[Hashable, Slot] = {}
    for r in order:
        best = None
        for s in prep.candidates[r.id]:
            if room[s] and (r.a, s) not in busy and (r.b, s) not in busy:
                if best is None or room[s] > room[best]:
                    best = s
        if best is not None:
            chosen[r.id] = best
            room[best] -= 1
            busy.add((r.a, best))
            busy.add((r.b, best))
    return chosen


def schedule(
    problem: Problem,
    *,
    time_limit: float = 20.0,
    workers: int = 2,
    progress: Progress | None = None,
) -> Schedule:
    """The best schedule found within `time_limit` seconds (never worse than the greedy's)."""
    started = time.monotonic()
    prep = _Prepared(problem)
    if progress:
        progress(5)
    greedy = _greedy(prep)
    if progress:
        progress(20)
    if not prep.open or time_limit <= 0:
        return prep.finish(greedy, "greedy", started)
    chosen, solver = _improve(prep, greedy, time_limit, workers, progress)
    if progress:
        progress(95)
    return prep.finish(chosen, solver, started)


def _improve(
    prep: _Prepared,
    hint: Mapping[Hashable, Slot],
    time_limit: float,
    workers: int,
    progress: Progress | None,
) -> tuple[dict[Hashable, Slot], str]:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x: dict[tuple[Hashable, Slot], cp_model.IntVar] = {}
    by_slot: dict[Slot, list] = defaultdict(list)
    by_person_slot: dict[tuple[Participant, Slot], list] = defaultdict(list)
    objective = []
    for r in prep.open:
        row = []
        for s in prep.candidates[r.id]:
            var = model.new_bool_var("")
            x[(r.id, s)] = var
            row.append(var)
            by_slot[s].append(var)
            by_person_slot[(r.a, s)].append(var)
            by_person_slot[(r.b, s)].append(var)
            objective.append((var, prep.weight(r)))
            model.add_hint(var, hint.get(r.id) == s)
        model.add_at_most_one(row)
    for s, variables in by_slot.items():
        model.add(sum(variables) <= len(prep.free_tables[s]))
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    model.maximize(sum(w * v for v, w in objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.num_workers = max(1, workers)
    started = time.monotonic()

    class _Ticks(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if progress:
                share = min(1.0, (time.monotonic() - started) / time_limit)
                progress(20 + int(70 * share))

    status = solver.solve(model, _Ticks())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return dict(hint), "greedy"
    chosen = {rid: s for (rid, s), var in x.items() if solver.boolean_value(var)}
    hint_value = sum(prep.weight(r) for r in prep.open if r.id in hint)
    found = sum(prep.weight(r) for r in prep.open if r.id in chosen)
    if found < hint_value:  # cannot happen with a hint, but never return worse
        return dict(hint), "greedy"
    return chosen, "optimal" if status == cp_model.OPTIMAL else "cp-sat"


def first_fit(problem: Problem) -> Schedule:
    """The naive baseline: requests in their order, each in the first slot that still fits."""
    started = time.monotonic()
    prep = _Prepared(problem)
    room = {s: len(t) for s, t in prep.free_tables.items()}
    busy = set(prep.busy)
    chosen: dict[Hashable, Slot] = {}
    for r in prep.open:
        for s in prep.candidates[r.id]:
            if room[s] and (r.a, s) not in busy and (r.b, s) not in busy:
                chosen[r.id] = s
                room[s] -= 1
                busy.update({(r.a, s), (r.b, s)})
                break
    return prep.finish(chosen, "first-fit", started)


def lp_upper_bound(problem: Problem, *, must_only: bool = False) -> float:
    """The LP relaxation's optimum: no schedule places more meetings (or must-meet ones)."""
    from ortools.linear_solver import pywraplp

    prep = _Prepared(problem)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    by_slot: dict[Slot, list] = defaultdict(list)
    by_person_slot: dict[tuple[Participant, Slot], list] = defaultdict(list)
    objective = solver.Objective()
    for r in prep.open:
        if must_only and not r.must:
            continue
        row = []
        for s in prep.candidates[r.id]:
            var = solver.NumVar(0.0, 1.0, "")
            row.append(var)
            by_slot[s].append(var)
            by_person_slot[(r.a, s)].append(var)
            by_person_slot[(r.b, s)].append(var)
            objective.SetCoefficient(var, 1.0)
        solver.Add(sum(row) <= 1)
    for s, variables in by_slot.items():
        solver.Add(sum(variables) <= len(prep.free_tables[s]))
    for variables in by_person_slot.values():
        if len(variables) > 1:
            solver.Add(sum(variables) <= 1)
    objective.SetMaximization()
    solver.Solve()
    return objective.Value() + len(prep.kept)


def check(problem: Problem, result: Schedule) -> list[str]:
    """What a schedule breaks (empty when none): double bookings, unavailable slots."""
    by_id = {r.id: r for r in problem.requests}
    available = {p: set(s) for p, s in problem.availability.items()}
    tables = {s: set(t) for s, t in problem.tables.items()}
    seen_people: set[tuple[Participant, Slot]] = set()
    seen_tables: set[tuple[Table, Slot]] = set()
    problems = []
    for p in result.placements:
        r = by_id[p.request]
        for person in (r.a, r.b):
            if (person, p.slot) in seen_people:
                problems.append(f"{person} twice in {p.slot}")
            seen_people.add((person, p.slot))
            if p.slot not in available.get(person, set()):
                problems.append(f"{person} not available in {p.slot}")
        if (p.table, p.slot) in seen_tables:
            problems.append(f"table {p.table} twice in {p.slot}")
        if p.table not in tables.get(p.slot, set()):
            problems.append(f"table {p.table} not usable in {p.slot}")
        seen_tables.add((p.table, p.slot))
    return problems
