"""Choosing the provider for a request: pure functions over candidates, no database.

A candidate qualifies when its certification covers the request's category and one of its
regions served contains the request's region. Of those, the one with the fewest open
requests wins; at equal load, the one serving the narrowest area (a Binhu firm before a
Jiangsu-wide one, so local knowledge is used first), then the lowest id, so the choice is
reproducible. Providers that already declined the request are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

COUNTRY_CODE = "000000"


@dataclass(frozen=True)
class Candidate:
    """A certified provider as the routing sees it."""

    provider_id: int
    scopes: frozenset[str]
    regions_served: tuple[str, ...]
    load: int = 0


def _significant(code: str) -> str:
    """The prefix that a region's descendants share: 32 for 320000, 3202 for 320200."""
    if code == COUNTRY_CODE:
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def serves(regions_served: Iterable[str], region_code: str) -> int | None:
    """How narrowly a provider serves `region_code`: the longest matching prefix, or None."""
    best: int | None = None
    for code in regions_served:
        prefix = _significant(code)
        if region_code.startswith(prefix) and (best is None or len(prefix) > best):
            best = len(prefix)
    return best


def eligible(
    candidates: Iterable[Candidate], category: str, region_code: str, exclude: Iterable[int] = ()
) -> list[tuple[Candidate, int]]:
    """The candidates that may take the request, each with how narrowly it serves the region."""
    skipped = set(exclude)
    found = []
    for candidate in candidates:
        if candidate.provider_id in skipped or category not in candidate.scopes:
            continue
        depth = serves(candidate.regions_served, region_code)
        if depth is not None:
            found.append((candidate, depth))
    return found


def choose(
    candidates: Sequence[Candidate], category: str, region_code: str, exclude: Iterable[int] = ()
) -> Candidate | None:
    """The provider a request goes to: least loaded, then most local, then lowest id."""
    found = eligible(candidates, category, region_code, exclude)
    if not found:
        return None
    return min(found, key=lambda pair: (pair[0].load, -pair[1], pair[0].provider_id))[0]


def ranked(
    candidates: Sequence[Candidate], category: str, region_code: str, exclude: Iterable[int] = ()
) -> list[Candidate]:
    """Every eligible provider in the order `choose` prefers them (for the enterprise's pick)."""
    found = eligible(candidates, category, region_code, exclude)
    found.sort(key=lambda pair: (pair[0].load, -pair[1], pair[0].provider_id))
    return [candidate for candidate, _depth in found]
