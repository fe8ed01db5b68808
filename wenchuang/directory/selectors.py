"""Reads over the directory: filtered and searched lists, access-checked fetches, histories."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from wenchuang.core.pagination import COUNT_CAP
from wenchuang.core.regions import jurisdiction_scope, region_q
from wenchuang.reference.models import IndustryCategory, Region

from . import permissions, search
from .models import (
    AssociationMembership,
    DirectoryRecord,
    Enterprise,
    Investor,
    Park,
    ProfileChange,
    ServiceProvider,
    Talent,
)
from .search import apply_search

# URL slug -> model; the order is the order of the directory's tabs.
KINDS: dict[str, type[DirectoryRecord]] = {
    "enterprise": Enterprise,
    "park": Park,
    "investor": Investor,
    "talent": Talent,
    "provider": ServiceProvider,
}

# Relevance (bm25) is computed for every match before the first row: ~10 ms per 1,000
# matches on the benchmark machine, so a search ranks up to this many and lists a larger
# one in index order (the page says so). Other sorts keep the list's sort cap.
RANK_CAP = 2_000

# Sort key -> ORDER BY; names sort by Chinese, then English for records without Chinese.
# "relevance" (search.RANK: bm25 / ts_rank, best first) is what a search lists by unless the
# visitor chooses another sort; a list without search words has no relevance and uses "id".
SORTS = {
    "relevance": (search.RANK,),
    "id": ("id",),
    "-id": ("-id",),
    "name": ("name_zh_hans", "name_en"),
    "-name": ("-name_zh_hans", "-name_en"),
    "name_en": ("name_en",),
    "-name_en": ("-name_en",),
    "revenue": ("annual_revenue",),
    "-revenue": ("-annual_revenue",),
}


def kind_tabs() -> list[tuple[str, str]]:
    return [(kind, str(model._meta.verbose_name_plural)) for kind, model in KINDS.items()]


def kind_model(kind: str) -> type[DirectoryRecord]:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404(kind) from None


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor can narrow a directory list by; every field is optional."""

    q: str = ""
    region: str = ""
    category: str = ""
    domain: str = ""
    park: int | None = None
    above_size: bool | None = None
    status: str = ""
    sort: str = ""  # "" = by relevance when searching, else oldest first


def _region_filter(code: str) -> tuple[Q, str | None]:
    """The filter for records in the region `code`, and its facet token if it has one."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        return Q(pk__in=[]), None
    kinds: dict[int, str | None] = {
        Region.Level.COUNTRY: None,
        Region.Level.PROVINCE: "p",
        Region.Level.PREFECTURE: "c",
    }
    kind = kinds.get(region.level, "r")
    return region_q(region), kind and search.facet(kind, region.code)


def _category_filter(model: type[DirectoryRecord], code: str) -> Q:
    if not IndustryCategory.objects.filter(code=code).exists():
        return Q(pk__in=[])
    if model is Enterprise:
        field = {2: "major_code", 3: "mid_code"}.get(len(code), "category_id")
        return Q(**{field: code})
    if model is Talent:
        return Q(category__code__startswith=code)
    if model in (Park, Investor):
        return Q(focus_categories__code__startswith=code)
    return Q(pk__in=[])


def visible_records(user, model: type[DirectoryRecord]) -> QuerySet:
    """Published records, plus unpublished ones the user owns or oversees."""
    qs = model.objects.all()
    seen = jurisdiction_scope(user, qs)
    # The same owners as permissions.can_view: the organisation's people in the owning role.
    own = permissions.owned_organisations(user, model)
    if own:
        seen = seen | qs.filter(organisation_id__in=sorted(own))
    # Records a running import has staged stay unseen, even by staff, until it publishes them.
    return qs.filter(status="published") | seen.exclude(status="importing")


@dataclass(frozen=True)
class DirectoryListing:
    records: QuerySet
    sort: str  # the sort used
    too_large_to_sort: bool  # a search over the cap, listed in index order instead
    cap: int | None = None  # the cap that applied to the sort asked for


def directory_list(
    *,
    user,
    model: type[DirectoryRecord],
    filters: DirectoryFilters,
    sort_cap: int | None = COUNT_CAP,
) -> QuerySet:
    """The records a list shows, filtered, searched and sorted as `filters` ask."""
    return directory_listing(user=user, model=model, filters=filters, sort_cap=sort_cap).records


def directory_listing(
    *,
    user,
    model: type[DirectoryRecord],
    filters: DirectoryFilters,
    sort_cap: int | None = COUNT_CAP,
) -> DirectoryListing:
    """`directory_list` and the sort it used, for a page that says when it could not sort.

    A search that matches more than `sort_cap` records is listed in index order instead of
    the sort asked for (see `list_sort`); exports pass `sort_cap=None` to sort everything.
    """
    # The prefecture (and province) name the county in lists: "Zhongshan, Dalian".
    qs = visible_records(user, model).select_related("region__parent__parent")
    region_token = None
    if filters.region:
        scope, region_token = _region_filter(filters.region)
        qs = qs.filter(scope)
    if filters.category:
        qs = qs.filter(_category_filter(model, filters.category))
        if model is not Enterprise:  # a join through focus categories
            qs = qs.distinct()
    if model is Enterprise:
        qs = qs.select_related("category", "park")
        if filters.domain:
            qs = qs.filter(domain=filters.domain)
        if filters.park:
            qs = qs.filter(park_id=filters.park)
        if filters.above_size is not None:
            qs = qs.filter(above_designated_size=filters.above_size)
    if filters.status:
        qs = qs.filter(status=filters.status)
    # The filters stay in SQL; their facet tokens let a search narrow in the index as well.
    facet_tokens = _facet_tokens(model, filters, region_token)
    qs = apply_search(qs, filters.q, facet_tokens=facet_tokens)
    asked = _asked_sort(model, filters)
    sort = _list_sort(model, filters, facet_tokens, sort_cap)
    records = search.order_by(qs, *SORTS[sort], "id")
    return DirectoryListing(records, sort, sort != asked, _sort_cap(asked, sort_cap))


def _sort_cap(sort: str, sort_cap: int | None) -> int | None:
    if sort == "relevance" and sort_cap is not None:
        return min(sort_cap, RANK_CAP)
    return sort_cap


def _facet_tokens(
    model: type[DirectoryRecord], filters: DirectoryFilters, region_token: str | None
) -> tuple[str, ...]:
    """The facet tokens (search.facets) of the filters that have one."""
    out = [region_token] if region_token else []
    if model is Enterprise:
        if filters.category:
            kind = {2: "m", 3: "n"}.get(len(filters.category), "k")
            out.append(search.facet(kind, filters.category))
        if filters.domain:
            out.append(search.facet("d", filters.domain))
        if filters.above_size is not None:
            out.append(search.facet("a", int(filters.above_size)))
    return tuple(out)


def list_sort(
    model: type[DirectoryRecord], filters: DirectoryFilters, sort_cap: int | None = COUNT_CAP
) -> str:
    """The sort `directory_list` uses: the one asked for, or "id" for a search too large to sort.

    Sorting a search by name or revenue reads every match (0.35 s for the 160,000 records
    with 动漫 among a million), where index order needs 20 for page 1. A page whose sort
    differs from `filters.sort` should say that it sorts searches of up to `sort_cap` records.
    """
    region_token = None
    if filters.q and filters.region:
        region_token = _region_filter(filters.region)[1]
    return _list_sort(model, filters, _facet_tokens(model, filters, region_token), sort_cap)


def _asked_sort(model, filters: DirectoryFilters) -> str:
    """The sort asked for, where the kind of record has it; a search defaults to relevance."""
    searched = bool(search.query_tokens(filters.q or ""))
    sort = filters.sort if filters.sort in SORTS else ""
    if not sort:
        return "relevance" if searched else "id"
    if sort == "relevance" and not searched:
        return "id"
    if sort.lstrip("-") == "revenue" and model is not Enterprise:
        return "id"
    return sort


def _list_sort(model, filters: DirectoryFilters, facet_tokens: tuple[str, ...], sort_cap) -> str:
    sort = _asked_sort(model, filters)
    if sort.lstrip("-") == "id" or sort_cap is None or not filters.q:
        return sort
    cap = min(sort_cap, RANK_CAP) if sort == "relevance" else sort_cap
    if search.matches_more_than(model, filters.q, cap, facet_tokens=facet_tokens):
        return "id"
    return sort


def get_record_for_view(user, model: type[DirectoryRecord], pk: int) -> DirectoryRecord:
    record = (
        model.objects.select_related("region", "region__parent")
        .filter(pk=pk)
        .exclude(status="importing")  # staged by a running import: not there yet
        .first()
    )
    if record is None or not permissions.can_view(user, record):
        raise Http404(model._meta.verbose_name)
    return record


def get_record_for_edit(user, model: type[DirectoryRecord], pk: int) -> DirectoryRecord:
    record = get_record_for_view(user, model, pk)
    decision = permissions.can_edit(user, record)
    if not decision:
        raise PermissionDenied(decision.reason)
    return record


def _validates(user) -> bool:
    return bool(permissions.can_validate(user))


def pending_changes(user) -> QuerySet[ProfileChange]:
    """Changes awaiting a decision that the user's jurisdiction covers (origin or destination)."""
    if not _validates(user):
        return ProfileChange.objects.none()
    return jurisdiction_scope(
        user, ProfileChange.objects.filter(status=ProfileChange.Status.PENDING)
    ).select_related("submitted_by")


def pending_records(user, model: type[DirectoryRecord]) -> QuerySet:
    if not _validates(user):
        return model.objects.none()
    return jurisdiction_scope(user, model.objects.filter(status="pending"))


PARK_CHOICES_LIMIT = 300


def park_choices(user, region_code: str = "", *, only: int | None = None) -> list[Park]:
    """The parks a list can be narrowed to: published, within the region, by name.

    Capped so that a national list stays a usable select; a narrower region lists them all.
    """
    parks = visible_records(user, Park).filter(status="published")
    if only is not None:
        parks = parks.filter(pk=only)
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        parks = parks.filter(region_q(region)) if region else parks.none()
    return list(parks.order_by("name_zh_hans", "name_en", "id")[:PARK_CHOICES_LIMIT])


TENANTS_SHOWN = 200


def park_tenants(park: Park) -> list[Enterprise]:
    """The park's published tenants as a page lists them: by name, the first few hundred."""
    tenants = park.tenants.filter(status="published").order_by("name_zh_hans", "name_en", "id")
    return list(tenants[:TENANTS_SHOWN])


def park_map_points(user) -> QuerySet[Park]:
    return visible_records(user, Park).filter(latitude__isnull=False, longitude__isnull=False)


def memberships(*, include_expelled: bool = False) -> QuerySet[AssociationMembership]:
    qs = AssociationMembership.objects.select_related("association", "member", "enterprise")
    if include_expelled:
        return qs
    return qs.exclude(status=AssociationMembership.Status.EXPELLED)


def memberships_for(user) -> QuerySet[AssociationMembership]:
    """Visitors see active members; staff and associations also their applicants and lapsed."""
    qs = memberships()
    active = Q(status=AssociationMembership.Status.ACTIVE)
    # The same rule as permissions.can_manage_membership, as a filter.
    managed = permissions.managed_associations(user)
    if managed is None:
        return qs.filter(active)
    return qs.filter(active | managed) if managed else qs
