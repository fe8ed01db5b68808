"""Figures from other domains that become statistics values (the market's cultural export orders).

A domain registers, once at start-up, a function that gives its figures for a period by
region and class; the cube adds them to the indicator as if they had been reported::

    register_source("cultural_exports", market_exports_for_period)

`fn(period) -> list[SourceRow]`; `contributor` names who the figure belongs to (an
enterprise's id or name), so that disclosure control counts contributors as for returns.
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


def sources() -> dict[str, list[SourceFn]]:
    """indicator code → registered functions."""
    return {code: list(fns) for code, fns in _SOURCES.items() if fns}
