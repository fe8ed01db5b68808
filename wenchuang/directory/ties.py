"""Reads of the ties between organisations that the directory records: parks and associations.

Conflict-of-interest checks (workflows.conflicts) ask these in bulk, one query per kind of
tie for a whole call's applicants and reviewers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from .models import AssociationMembership, Enterprise, Park


def parks_of(organisation_ids: Collection[int]) -> dict[int, set[int]]:
    """The parks each organisation is in: the park it operates, or where its enterprise is."""
    found: dict[int, set[int]] = defaultdict(set)
    if not organisation_ids:
        return found
    operated = Park.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", "pk"
    )
    located = Enterprise.objects.filter(
        organisation_id__in=organisation_ids, park__isnull=False
    ).values_list("organisation_id", "park_id")
    for organisation_id, park_id in [*operated, *located]:
        found[organisation_id].add(park_id)
    return found


def associations_of(organisation_ids: Collection[int]) -> dict[int, set[int]]:
    """The associations (organisation ids) each organisation is an active member of."""
    found: dict[int, set[int]] = defaultdict(set)
    if not organisation_ids:
        return found
    rows = AssociationMembership.objects.filter(
        member_id__in=organisation_ids, status=AssociationMembership.Status.ACTIVE
    ).values_list("member_id", "association_id")
    for member_id, association_id in rows:
        found[member_id].add(association_id)
    return found
