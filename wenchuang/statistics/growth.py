"""Growth and shares of published figures: year on year, quarter on quarter, part of a whole."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter before (2020 Q1 → 2019 Q4)."""
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def same_quarter_last_year(year: int, quarter: int) -> tuple[int, int]:
    return year - 1, quarter


def growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Growth in percent, or None when there is nothing to compare with (no or zero base).

    Growth is computed on single-quarter values (the cube keeps them next to the year-to-date
    sums), so a cumulative return's Q3 is compared with last year's Q3, not with Jan–Sep.
    """
    if current is None or previous is None or previous == 0:
        return None
    return (Decimal(current) - Decimal(previous)) / abs(Decimal(previous)) * HUNDRED


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """`part` as a percentage of `whole` (cultural trade as % of service trade), or None."""
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) / Decimal(whole) * HUNDRED


def rounded(value: Decimal | None, places: Decimal = ONE_DECIMAL) -> Decimal | None:
    """A percentage as published: one decimal, half up (9.15 → 9.2), never banker's rounding."""
    if value is None:
        return None
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)
