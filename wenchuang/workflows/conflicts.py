"""Conflicts of interest between reviewers and applicants, found from the directory's ties.

A reviewer may not review an application when, through any of their affiliations
(accounts.roles), they

- work for the applicant or a co-applicant (same organisation);
- act for an association the applicant is an active member of, or for a fellow member
  (the directory's association memberships);
- are in the applicant's park: they operate the park the applicant's enterprise is in,
  their own enterprise is in the same park, or the applicant operates the park they are in;
- declared a relation with the applicant (or a conflict on the application itself).

`conflicts()` answers for whole organisations, `forbidden_pairs()` for applications; both
give the reasons, so that a page can say why a reviewer was not assigned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from wenchuang.accounts import roles
from wenchuang.directory import ties

# An application's or a reviewer's id (database ids in the services).
Id = Any


class Tie(models.TextChoices):
    """Why a reviewer may not review an applicant's application."""

    ORGANISATION = "organisation", _("works for the applicant")
    ASSOCIATION = "association", _("belongs to the applicant's association")
    PARK = "park", _("is in the applicant's park")
    DECLARED = "declared", _("declared a relation with the applicant")


@dataclass(frozen=True)
class _Reach:
    """What a reviewer is tied to, through all their affiliations."""

    organisations: frozenset[int]
    associations: frozenset[int]  # associations they act for or whose member they act for
    parks: frozenset[int]


def _reach(reviewers: Iterable, parks, associations) -> dict[int, _Reach]:
    reach = {}
    for user in reviewers:
        orgs = roles.organisations(user)
        reach[user.pk] = _Reach(
            organisations=orgs,
            associations=frozenset(orgs).union(*(associations.get(o, ()) for o in orgs)),
            parks=frozenset().union(*(parks.get(o, ()) for o in orgs)),
        )
    return reach


def conflicts(
    reviewers: Iterable,
    organisation_ids: Iterable[int],
    declared: Iterable[tuple[int, int]] = (),
) -> dict[tuple[int, int], list[Tie]]:
    """{(reviewer id, organisation id): ties} for every tied pair among those given.

    `reviewers` are users; `declared` holds (reviewer id, organisation id) relations the
    reviewers declared. Four queries, whatever the numbers (none for the reviewers'
    affiliations when they are read already).
    """
    reviewers = list(reviewers)
    roles.prime(reviewers)
    applicants = set(organisation_ids)
    affiliated = {o for user in reviewers for o in roles.organisations(user)}
    everyone = applicants | affiliated
    parks = ties.parks_of(everyone)
    associations = ties.associations_of(everyone)
    reach = _reach(reviewers, parks, associations)
    found: dict[tuple[int, int], list[Tie]] = defaultdict(list)
    for reviewer_id, mine in reach.items():
        for org in applicants:
            pair = (reviewer_id, org)
            if org in mine.organisations:
                found[pair].append(Tie.ORGANISATION)
                continue
            # The applicant's associations, or the applicant is an association itself.
            if (associations.get(org, set()) | {org}) & mine.associations:
                found[pair].append(Tie.ASSOCIATION)
            if parks.get(org, set()) & mine.parks:
                found[pair].append(Tie.PARK)
    for reviewer_id, org in declared:
        if org in applicants:
            found[(reviewer_id, org)].append(Tie.DECLARED)
    return dict(found)


def forbidden_pairs(
    applicants: Mapping[Id, Iterable[int]],
    reviewers: Iterable,
    declared: Iterable[tuple[int, int]] = (),
    declared_on_application: Iterable[tuple[Id, int]] = (),
) -> dict[tuple[Id, int], list[Tie]]:
    """{(application id, reviewer id): ties} for applications given as
    {application id: ids of the applicant and co-applicant organisations}.

    `declared_on_application` holds (application id, reviewer id) conflicts a reviewer
    declared on one application.
    """
    orgs_by_app = {app: set(orgs) for app, orgs in applicants.items()}
    tied = conflicts(reviewers, {o for orgs in orgs_by_app.values() for o in orgs}, declared)
    by_org: dict[int, list[tuple[int, list[Tie]]]] = defaultdict(list)
    for (reviewer_id, org), reasons in tied.items():
        by_org[org].append((reviewer_id, reasons))
    found: dict[tuple[Id, int], list[Tie]] = defaultdict(list)
    for app, orgs in orgs_by_app.items():
        for org in orgs:
            for reviewer_id, reasons in by_org.get(org, ()):
                known = found[(app, reviewer_id)]
                known.extend(r for r in reasons if r not in known)
    for app, reviewer_id in declared_on_application:
        if Tie.DECLARED not in found[(app, reviewer_id)]:
            found[(app, reviewer_id)].append(Tie.DECLARED)
    return dict(found)
