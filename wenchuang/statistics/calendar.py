"""The reporting calendar: quarters, their due dates, and which quarter is being reported."""

from __future__ import annotations

import datetime


def quarter_end(year: int, quarter: int) -> datetime.date:
    """The last day of a quarter."""
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def due_date(year: int, quarter: int, due_days: int) -> datetime.date:
    """Returns are due `due_days` after the quarter's end (by default the 20th next month)."""
    return quarter_end(year, quarter) + datetime.timedelta(days=due_days)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
