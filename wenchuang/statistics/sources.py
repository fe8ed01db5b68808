"""Figures from other domains that become statistics values (the market's cultural export orders).

A domain registers, once at start-up, a function that gives its figures for a period by
region and class; the cube adds them to the indicator as if they had been reported::

    register_source("cultural_exports", market_exports_for_period)

`fn(period) -> list[SourceRow]`; `contributor` names who the figure belongs to, so that
disclosure control counts contributors as for returns. A directory enterprise is
`enterprise:<id>` (`enterprise_contributor`): if that enterprise reported the indicator in its
own return for the period, its rows are not added — the return is its whole figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceRow:
    region_code: str
    class_code: str
    value: Decimal
    contributor: str


SourceFn = Callable[[Any], list[SourceRow]]

_SOURCES: dict[str, list[SourceFn]] = {}


def register_source(indicator_code: str, fn: SourceFn) -> SourceFn:
    """Add `fn`'s rows to `indicator_code` for every period the cube builds."""
    fns = _SOURCES.setdefault(indicator_code, [])
    if fn not in fns:
        fns.append(fn)
    return fn


def unregister_source(indicator_code: str, fn: SourceFn) -> None:
    if fn in _SOURCES.get(indicator_code, []):
        _SOURCES[indicator_code].remove(fn)


def enterprise_contributor(enterprise_id: int) -> str:
    return f"enterprise:{enterprise_id}"


def reported_themselves(indicator_id: int, period: Any) -> set[str]:
    """The enterprises (as contributors) with a current value of the indicator in `period`."""
    from .models import ReturnValue

    ids = ReturnValue.objects.filter(
        current=True,
        indicator_id=indicator_id,
        stat_return__period=period,
        stat_return__enterprise__isnull=False,
    ).values_list("stat_return__enterprise_id", flat=True)
    return {enterprise_contributor(i) for i in ids}


def sources() -> dict[str, list[SourceFn]]:
    """indicator code → registered functions."""
    return {code: list(fns) for code, fns in _SOURCES.items() if fns}
