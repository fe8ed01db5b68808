"""The scheduler itself: no double booking, availability, must-meet first, confirmed kept."""

from wenchuang.events.scheduler import (
    NO_COMMON_SLOT,
    Placement,
    Problem,
    Request,
    check,
    first_fit,
    schedule,
)


def _problem(requests, availability, tables=1, slots=3, fixed=()):
    slot_ids = list(range(slots))
    return Problem(
        requests=requests,
        slots=slot_ids,
        availability=availability,
        tables={s: [f"T{t}" for t in range(tables)] for s in slot_ids},
        fixed=fixed,
    )


def test_nobody_and_no_table_is_double_booked_and_slots_are_ones_both_are_free_in():
    # An investor asked by five project owners, two tables, three slots.
    requests = [Request(i, "investor", f"owner{i}") for i in range(5)]
    availability = {"investor": [0, 1, 2], **{f"owner{i}": [i % 3] for i in range(5)}}
    problem = _problem(requests, availability, tables=2)
    result = schedule(problem, time_limit=2)
    assert check(problem, result) == []
    assert result.placed == 3  # the investor can meet once per slot


def test_a_pair_with_no_common_slot_is_named_as_such():
    problem = _problem([Request(1, "a", "b")], {"a": [0], "b": [1]})
    result = schedule(problem, time_limit=1)
    assert result.placed == 0
    assert result.unplaced == {1: NO_COMMON_SLOT}


def test_must_meet_requests_come_first_even_when_fewer_meetings_would_otherwise_fit():
    # One table, one slot: the must-meet request wins over the earlier ordinary one.
    requests = [Request(1, "a", "b"), Request(2, "c", "d", must=True)]
    availability = {p: [0] for p in "abcd"}
    problem = _problem(requests, availability, slots=1)
    result = schedule(problem, time_limit=1)
    assert [p.request for p in result.placements] == [2]
    assert first_fit(problem).must_placed == 0


def test_the_scheduler_places_more_than_first_fit_where_order_matters():
    # First-fit puts a–b in slot 0, leaving c–a (only slot 0 in common) out.
    requests = [Request(1, "a", "b"), Request(2, "c", "a")]
    availability = {"a": [0, 1], "b": [0, 1], "c": [0]}
    problem = _problem(requests, availability, slots=2)
    assert first_fit(problem).placed == 1
    result = schedule(problem, time_limit=1)
    assert result.placed == 2
    assert check(problem, result) == []


def test_confirmed_meetings_stay_in_place_on_a_rerun():
    requests = [Request(1, "a", "b"), Request(2, "a", "c")]
    availability = {"a": [0, 1], "b": [0, 1], "c": [1]}
    kept = Placement(1, 1, "T0")  # confirmed in slot 1, the only one c has
    result = schedule(_problem(requests, availability, slots=2, fixed=[kept]), time_limit=1)
    assert kept in result.placements
    assert result.kept == 1
    assert 2 in result.unplaced  # a is busy in slot 1; it is not moved for c
