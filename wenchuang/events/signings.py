"""The agreements signed at an event, from whichever domain records them (a hook).

A domain that records agreements (investment) registers a source in its AppConfig.ready():

    register_signing_source(agreements_signed_at)   # fn(event) -> list[Signing]

The event report lists every source's signings and adds up their value per currency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wenchuang.core.money import Money


@dataclass(frozen=True)
class Signing:
    """One agreement signed at an event, as the report shows it."""

    title: str
    parties: list[str] = field(default_factory=list)
    value: Money | None = None
    signed_on: dt.date | None = None
    url: str = ""


SigningSource = Callable[[Any], list[Signing]]
_SOURCES: list[SigningSource] = []


def register_signing_source(fn: SigningSource) -> SigningSource:
    """Add a source of signings (idempotent: registering the same function twice adds it once)."""
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def unregister_signing_source(fn: SigningSource) -> None:
    """Remove a source (tests register their own and take it away again)."""
    if fn in _SOURCES:
        _SOURCES.remove(fn)


def signings_at(event: Any) -> list[Signing]:
    """Every source's signings at `event`, earliest first."""
    rows: list[Signing] = []
    for source in list(_SOURCES):
        rows.extend(source(event))
    return sorted(rows, key=lambda s: (s.signed_on or dt.date.min, s.title))


def signed_value(signings: list[Signing]) -> list[Money]:
    """The total signed value per currency, largest first."""
    totals: dict[str, Money] = {}
    for signing in signings:
        if signing.value is None:
            continue
        code = signing.value.currency
        totals[code] = totals[code] + signing.value if code in totals else signing.value
    return sorted(totals.values(), key=lambda m: (-m.amount, m.currency))
