"""Which parks to pair: a complementarity score with the reasons that make it up.

Pure: it reads `Candidate` values, not the database, so the weights are tested on their own.
The Carrying Plan pairs a stronger park (a national or provincial demonstration park, mostly
in the east) with a park elsewhere that it can carry: the score rewards a gap in level, a
partner in another economic zone (most of all the west, central or north-east from the east),
shared focus categories (something to cooperate on), and ties that already exist (an earlier
batch's pair, or enterprises with a presence in both).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .zones import EAST, zone_of

# How strong a park is, by directory level: carrying parks come from the top of this scale.
LEVEL_RANK = {
    "national_demo": 5,
    "national_pilot": 4,
    "national_base": 4,
    "provincial": 3,
    "cluster_area": 3,
    "municipal": 2,
    "other": 1,
}
CARRYING_MIN_RANK = 3

W_LEVEL_GAP = 10
W_ZONE = 30
W_EAST_TO_OTHER = 10
W_SHARED_MAJOR = 12
W_SHARED_MAJOR_CAP = 3
W_EARLIER_PAIR = 15
W_SHARED_ENTERPRISE = 5


@dataclass(frozen=True)
class Candidate:
    """What the score needs to know of a park."""

    id: int
    name: str
    level: str
    region_code: str
    majors: frozenset[str] = frozenset()  # focus categories' major classes ("01".."09")


@dataclass
class Suggestion:
    carrying: Candidate
    partner: Candidate
    score: float
    # (code, parameters): worded by `reasons.describe` in the reader's language.
    reasons: list[tuple[str, dict]] = field(default_factory=list)


def rank(park: Candidate) -> int:
    return LEVEL_RANK.get(park.level, 1)


def may_carry(park: Candidate) -> bool:
    return rank(park) >= CARRYING_MIN_RANK


def score_pair(
    carrying: Candidate,
    partner: Candidate,
    *,
    earlier_pair: bool = False,
    shared_enterprises: int = 0,
) -> Suggestion | None:
    """The complementarity of carrying → partner, or None when they are not a sensible pair."""
    if carrying.id == partner.id or not may_carry(carrying):
        return None
    zone_a, zone_b = zone_of(carrying.region_code), zone_of(partner.region_code)
    if carrying.region_code[:2] == partner.region_code[:2]:
        return None  # the plan pairs parks across regions, not inside one province
    gap = rank(carrying) - rank(partner)
    if gap < 0:
        return None  # the weaker park does not carry the stronger one
    s = Suggestion(carrying, partner, 0.0)
    if gap:
        s.score += W_LEVEL_GAP * gap
        s.reasons.append(("level_gap", {"levels": gap}))
    if zone_a and zone_b and zone_a != zone_b:
        s.score += W_ZONE
        s.reasons.append(("zones", {"from": zone_a, "to": zone_b}))
        if zone_a == EAST:
            s.score += W_EAST_TO_OTHER
    shared = sorted(carrying.majors & partner.majors)
    if shared:
        s.score += W_SHARED_MAJOR * min(len(shared), W_SHARED_MAJOR_CAP)
        s.reasons.append(("shared_focus", {"majors": shared}))
    if earlier_pair:
        s.score += W_EARLIER_PAIR
        s.reasons.append(("earlier_pair", {}))
    if shared_enterprises:
        s.score += W_SHARED_ENTERPRISE * min(shared_enterprises, 4)
        s.reasons.append(("shared_enterprises", {"count": shared_enterprises}))
    return s


def suggest(
    parks: Sequence[Candidate],
    *,
    earlier_pairs: Iterable[tuple[int, int]] = (),
    shared_enterprises: dict[tuple[int, int], int] | None = None,
    taken: Iterable[int] = (),
    per_carrying: int = 3,
    limit: int = 200,
) -> list[Suggestion]:
    """The best partners of every park that may carry, best first.

    `taken`: parks already in a confirmed pair of the batch (not suggested again);
    `per_carrying`: partners suggested for each carrying park.
    """
    earlier = {frozenset(pair) for pair in earlier_pairs}
    shared_enterprises = shared_enterprises or {}
    busy = set(taken)
    found: list[Suggestion] = []
    for carrying in parks:
        if carrying.id in busy or not may_carry(carrying):
            continue
        mine = []
        for partner in parks:
            if partner.id in busy:
                continue
            key = (min(carrying.id, partner.id), max(carrying.id, partner.id))
            s = score_pair(
                carrying,
                partner,
                earlier_pair=frozenset((carrying.id, partner.id)) in earlier,
                shared_enterprises=shared_enterprises.get(key, 0),
            )
            if s is not None and s.score > 0:
                mine.append(s)
        mine.sort(key=lambda s: (-s.score, s.partner.id))
        found.extend(mine[:per_carrying])
    found.sort(key=lambda s: (-s.score, s.carrying.id, s.partner.id))
    return found[:limit]
