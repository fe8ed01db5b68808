"""The one place that answers what a user may act as: roles, organisations, jurisdictions.

A user holds any number of affiliations (`Affiliation`: a role, for an organisation, within a
jurisdiction for staff). Every permission question about *who the user is* goes through
here — "has role X", "represents this organisation", "may act as staff for this region" —
and the answer is the union over all affiliations. The affiliations are read once per user
object (so once per request) and kept on it; the accounts services forget them on change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from .models import STAFF_ROLES, Affiliation, Role, User

_CACHE = "_affiliations_cache"


@dataclass(frozen=True)
class Grant:
    """One affiliation as permission checks need it (no further queries)."""

    role: str
    organisation_id: int | None
    jurisdiction: Any | None  # a reference.Region, with code and level


def grants(user: Any) -> tuple[Grant, ...]:
    """The user's affiliations; none for visitors and inactive users."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return ()
    cached = getattr(user, _CACHE, None)
    if cached is None:
        rows = Affiliation.objects.filter(user_id=user.pk).select_related("jurisdiction")
        cached = tuple(Grant(a.role, a.organisation_id, a.jurisdiction) for a in rows)
        setattr(user, _CACHE, cached)
    return cached


def prime(users: Iterable[Any]) -> None:
    """Read the affiliations of many users in one query (a call's reviewers, say)."""
    waiting = {
        u.pk: u
        for u in users
        if getattr(u, "is_authenticated", False)
        and getattr(u, "is_active", True)
        and getattr(u, _CACHE, None) is None
    }
    if not waiting:
        return
    found: dict[int, list[Grant]] = {pk: [] for pk in waiting}
    rows = Affiliation.objects.filter(user_id__in=list(waiting)).select_related("jurisdiction")
    for a in rows:  # the model's ordering: oldest first, as grants() reads them
        found[a.user_id].append(Grant(a.role, a.organisation_id, a.jurisdiction))
    for pk, user in waiting.items():
        setattr(user, _CACHE, tuple(found[pk]))


def forget(user: Any) -> None:
    """Drop the cached affiliations (after a change, so the next question reads them again)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def has_role(user: Any, *roles: str) -> bool:
    """Does the user hold any of `roles` through any affiliation?"""
    return any(g.role in roles for g in grants(user))


def role_labels(user: Any) -> str:
    """The user's roles for a refusal message ("enterprise representative, expert reviewer")."""
    roles = dict.fromkeys(g.role for g in grants(user)) or {Role.PUBLIC: None}
    return ", ".join(str(Role(r).label) for r in roles)


def organisations(user: Any, *roles: str) -> frozenset[int]:
    """Ids of the organisations the user acts for (in any of `roles`; in any role if none)."""
    return frozenset(
        g.organisation_id
        for g in grants(user)
        if g.organisation_id is not None and (not roles or g.role in roles)
    )


def represents(user: Any, organisation_id: int | None, *roles: str) -> bool:
    """Does the user act for this organisation (in one of `roles`, or in any role)?"""
    return organisation_id is not None and organisation_id in organisations(user, *roles)


def staff_regions(user: Any, roles: Iterable[str] = STAFF_ROLES) -> tuple[Any, ...]:
    """The jurisdictions of the user's staff affiliations (in `roles`), without repeats.

    A superuser's is the whole country, whatever their affiliations.
    """
    from wenchuang.core.regions import COUNTRY, COUNTRY_CODE
    from wenchuang.reference.models import Region

    if not getattr(user, "is_authenticated", False):
        return ()
    if user.is_superuser:
        return (Region(code=COUNTRY_CODE, level=COUNTRY),)
    wanted = set(roles)
    seen: dict[str, Any] = {}
    for g in grants(user):
        if g.role in wanted and g.jurisdiction is not None:
            seen.setdefault(g.jurisdiction.code, g.jurisdiction)
    return tuple(seen.values())


def acts_as_staff_for(user: Any, region_code: str | None, *roles: str) -> bool:
    """May the user act as staff (in `roles`; any staff role if none) for region `region_code`?"""
    from wenchuang.core.regions import region_within

    regions = staff_regions(user, roles or STAFF_ROLES)
    return any(region_within(region_code, region) for region in regions)


def is_centre_staff(user: Any) -> bool:
    """Centre staff somewhere, or an administrator: who validates, imports and adds records."""
    return getattr(user, "is_authenticated", False) and (
        user.is_superuser or has_role(user, Role.CENTRE_STAFF)
    )


def representatives(organisation_id: int, *roles: str) -> QuerySet[User]:
    """The active users who act for an organisation (in one of `roles`, or in any role)."""
    affiliated = Affiliation.objects.filter(organisation_id=organisation_id)
    if roles:
        affiliated = affiliated.filter(role__in=roles)
    return User.objects.filter(is_active=True, pk__in=affiliated.values("user_id")).order_by("pk")
