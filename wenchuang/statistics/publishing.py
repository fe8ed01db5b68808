"""Releasing a quarter: one release however many staff press the button, and its snapshot."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from .models import CubeCell, Period, ReleasedCell
from .services import period_move


@transaction.atomic
def period_release(*, period: Period, by: Any) -> Period:
    """Release a locked quarter and keep what it published, so later revisions show a note.

    The move is one conditional UPDATE (core.transitions): of two staff releasing at once,
    one releases and the other is told it was done meanwhile (Conflict). The cube is then
    brought up to date and the cells of the quarter are copied as first published; a cell
    published by an earlier release of the same quarter (released, reopened, released
    again) keeps its first value.
    """
    from .cube import refresh_changed

    period = period_move(period=period, target=Period.Status.RELEASED, by=by)
    refresh_changed()
    snapshot(period)
    return period


def snapshot(period: Period) -> None:
    """Copy the quarter's cells as first published (cells already copied keep their value)."""
    cube, released = CubeCell._meta.db_table, ReleasedCell._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {released} (period_id, indicator_id, region_id, class_level, "
            "class_code, park_id, value, released_at) "
            f"SELECT c.period_id, c.indicator_id, c.region_id, c.class_level, c.class_code, "
            f"c.park_id, c.value, %s FROM {cube} c WHERE c.period_id = %s AND NOT EXISTS ("
            f"SELECT 1 FROM {released} r WHERE r.period_id = c.period_id "
            "AND r.indicator_id = c.indicator_id AND r.region_id = c.region_id "
            "AND r.class_level = c.class_level AND r.class_code = c.class_code "
            "AND r.park_id = c.park_id)",
            [period.released_at, period.pk],
        )
