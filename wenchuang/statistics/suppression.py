"""Disclosure control for public figures: small and dominated cells, and their complements.

A public cell is withheld when fewer than `min_contributors` enterprises make it up, or when
the largest of them holds at least `dominance` of its value (one enterprise's figure could
otherwise be read off it). Withholding one cell of a table whose total is shown would still
give it away by subtraction (total − the others), so a second, "complementary" cell of the
same group is withheld too: the smallest shown one, or the total when no other cell is left.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

MIN_CONTRIBUTORS = 3
DOMINANCE = Decimal("0.85")


@dataclass(frozen=True, slots=True)
class CellFacts:
    """What disclosure control needs to know about one cell."""

    value: Decimal
    contributors: int
    largest: Decimal  # the largest single contributor's value


@dataclass(frozen=True, slots=True)
class Group:
    """A total and the cells that add up to it (classes of a region, counties of a prefecture)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def is_sensitive(
    cell: CellFacts, *, min_contributors: int = MIN_CONTRIBUTORS, dominance: Decimal = DOMINANCE
) -> bool:
    """The primary rule: too few contributors, or one contributor dominates the cell."""
    if cell.contributors == 0:
        return False  # nothing reported: an empty cell discloses nobody
    if cell.contributors < min_contributors:
        return True
    total = abs(cell.value)
    return total > 0 and abs(cell.largest) >= dominance * total


def suppressed_cells(
    cells: Mapping[Hashable, CellFacts],
    groups: Iterable[Group] = (),
    *,
    min_contributors: int = MIN_CONTRIBUTORS,
    dominance: Decimal = DOMINANCE,
) -> set[Hashable]:
    """The keys of `cells` that must not be shown (primary and complementary suppression)."""
    hidden = {
        key
        for key, cell in cells.items()
        if is_sensitive(cell, min_contributors=min_contributors, dominance=dominance)
    }
    groups = [g for g in groups if g.total in cells]
    changed = True
    while changed:  # a complement may expose another group: repeat until nothing moves
        changed = False
        for group in groups:
            parts = [p for p in group.parts if p in cells and cells[p].contributors > 0]
            if group.total in hidden:
                continue
            hidden_parts = [p for p in parts if p in hidden]
            if len(hidden_parts) != 1:
                continue  # none hidden, or two or more: no single value can be derived
            shown = [p for p in parts if p not in hidden]
            if shown:
                smallest = min(shown, key=lambda p: (abs(cells[p].value), str(p)))
                hidden.add(smallest)
            else:
                hidden.add(group.total)
            changed = True
    return hidden
