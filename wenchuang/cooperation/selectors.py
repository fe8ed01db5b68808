"""Reads of park cooperation: batches, pairs a reader may see, candidates, outcome totals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from itertools import combinations
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope, region_within
from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.models.records import PublicationStatus

from . import permissions
from .models import OutcomeReport, Pairing, PairingBatch
from .suggest import LEVEL_RANK, Candidate


def batches() -> QuerySet[PairingBatch]:
    """Every batch, newest first, with its counts of public pairs."""
    return PairingBatch.objects.select_related("region").annotate(
        public_pairs=Count("pairings", filter=Q(pairings__status__in=Pairing.PUBLIC))
    )


def get_batch(pk: int) -> PairingBatch:
    try:
        return PairingBatch.objects.select_related("region").get(pk=pk)
    except PairingBatch.DoesNotExist as error:
        raise Http404 from error


def _pairs() -> QuerySet[Pairing]:
    return Pairing.objects.select_related("batch", "carrying_park__region", "partner_park__region")


def pairings_for(
    user: Any, batch: PairingBatch | None = None, status: str = ""
) -> QuerySet[Pairing]:
    """Public pairs for everyone; suggested and declined ones too for staff who oversee them."""
    rows = _pairs()
    if batch is not None:
        rows = rows.filter(batch=batch)
    visible = rows.filter(status__in=Pairing.PUBLIC)
    overseen = jurisdiction_scope(user, rows)
    if batch is not None and permissions.can_run(user, batch):
        overseen = rows
    rows = (visible | overseen).distinct()
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-score", "id")


def get_pairing_for_view(user: Any, pk: int) -> Pairing:
    """A pair the user may see: 404 when there is none, 403 with the reason otherwise."""
    try:
        pairing = _pairs().get(pk=pk)
    except Pairing.DoesNotExist as error:
        raise Http404 from error
    require(permissions.can_view_pairing(user, pairing))
    return pairing


def reports_of(pairing: Pairing) -> QuerySet[OutcomeReport]:
    return pairing.reports.select_related("reported_by").order_by("year", "half")


def totals_of(rows: QuerySet[OutcomeReport]) -> dict[str, Any]:
    """The sums a batch or a pair shows (revenue only within one currency per row set)."""
    return rows.aggregate(
        enterprises=Sum("enterprises_relocated"),
        projects=Sum("joint_projects"),
        visitors=Sum("visitors"),
    )


def batch_reports(batch: PairingBatch) -> QuerySet[OutcomeReport]:
    return OutcomeReport.objects.filter(pairing__batch=batch, pairing__status__in=Pairing.PUBLIC)


def by_period(rows: QuerySet[OutcomeReport]) -> list[tuple[str, int, int, int]]:
    """(period, enterprises relocated, joint projects, visitors) per half-year, in order."""
    grouped = (
        rows.order_by()
        .values("year", "half")
        .annotate(e=Sum("enterprises_relocated"), p=Sum("joint_projects"), v=Sum("visitors"))
        .order_by("year", "half")
    )
    return [(f"{g['year']}H{g['half']}", g["e"] or 0, g["p"] or 0, g["v"] or 0) for g in grouped]


def park_in_region(region_code: str, region: Any) -> bool:
    return region_within(region_code, region)


def _majors(park_ids: Collection[int]) -> dict[int, frozenset[str]]:
    through = Park.focus_categories.through
    found: dict[int, set[str]] = defaultdict(set)
    for park_id, code in through.objects.filter(park_id__in=park_ids).values_list(
        "park_id", "industrycategory_id"
    ):
        found[park_id].add(code[:2])
    return {k: frozenset(v) for k, v in found.items()}


# Suggestions consider at most this many parks (published ones, strongest first): the
# pairing is quadratic, and an agency's plan names tens of parks, not thousands.
MAX_CANDIDATES = 600
MAX_FETCHED = 20_000


def candidates() -> list[Candidate]:
    """Published parks as `suggest` sees them."""
    parks = list(
        Park.objects.filter(status=PublicationStatus.PUBLISHED)
        .order_by("id")
        .values("id", "name_zh_hans", "name_en", "level", "region_id")[:MAX_FETCHED]
    )
    parks.sort(key=lambda p: (-LEVEL_RANK.get(p["level"], 1), p["id"]))
    parks = parks[:MAX_CANDIDATES]
    majors = _majors([p["id"] for p in parks])
    return [
        Candidate(
            id=p["id"],
            name=p["name_zh_hans"] or p["name_en"],
            level=p["level"],
            region_code=p["region_id"],
            majors=majors.get(p["id"], frozenset()),
        )
        for p in parks
    ]


def candidate_of(park: Park) -> Candidate:
    return Candidate(
        id=park.pk,
        name=str(park),
        level=park.level,
        region_code=park.region_id,
        majors=_majors([park.pk]).get(park.pk, frozenset()),
    )


def earlier_pairs(batch: PairingBatch) -> list[tuple[int, int]]:
    """Pairs confirmed in other batches: existing ties between the two parks."""
    return list(
        Pairing.objects.exclude(batch=batch)
        .filter(status__in=Pairing.PUBLIC)
        .values_list("carrying_park_id", "partner_park_id")
    )


def shared_enterprises(park_ids: Collection[int]) -> dict[tuple[int, int], int]:
    """For pairs of parks: how many organisations have an enterprise in both."""
    parks_of: dict[int, set[int]] = defaultdict(set)
    rows = Enterprise.objects.filter(park_id__in=park_ids, organisation__isnull=False).values_list(
        "organisation_id", "park_id"
    )
    for organisation_id, park_id in rows:
        parks_of[organisation_id].add(park_id)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for parks in parks_of.values():
        for a, b in combinations(sorted(parks), 2):
            counts[(a, b)] += 1
    return dict(counts)


def taken_parks(batch: PairingBatch) -> set[int]:
    taken: set[int] = set()
    for a, b in Pairing.objects.filter(batch=batch, status__in=Pairing.TAKEN).values_list(
        "carrying_park_id", "partner_park_id"
    ):
        taken |= {a, b}
    return taken
