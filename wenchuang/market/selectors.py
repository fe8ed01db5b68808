"""Reads of the marketplace: listing search, access-checked fetches, orders, sales, exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core import search
from wenchuang.core.regions import jurisdiction_scope

from . import permissions
from .models import Listing, Order
from .search import facet

# A search that matches more listings than this keeps index order (newest first) instead of
# ranking them all, and the page counts no further: ranking or counting reads every match.
RANK_CAP = 1_000


@dataclass(frozen=True)
class ListingFilters:
    q: str = ""
    major: str = ""
    category: str = ""
    kind: str = ""
    exportable: bool = False
    country: str = ""


def listing_search(filters: ListingFilters) -> QuerySet[Listing]:
    """Published listings matching the words and filters: most relevant first, or newest first
    when the words match too many to rank (the search is bounded either way)."""
    qs = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    facets: list[str] = []
    if filters.major:
        qs = qs.filter(major_code=filters.major)
        facets.append(facet("m", filters.major))
    if filters.category:
        qs = qs.filter(category_id=filters.category)
        facets.append(facet("k", filters.category))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.exportable:
        qs = qs.filter(exportable=True)
    if filters.country and filters.country != "CN":
        # An empty list of countries means every country.
        qs = qs.filter(exportable=True).filter(
            Q(countries=[]) | Q(countries__icontains=f'"{filters.country}"')
        )
    qs = qs.select_related("enterprise", "currency")
    if filters.q.strip():
        qs = search.apply_search(qs, filters.q, facet_tokens=tuple(facets))
        if search.matches_more_than(Listing, filters.q, RANK_CAP, facet_tokens=tuple(facets)):
            return search.order_by(qs, "-id")
        return qs.order_by(search.RANK, "-id")
    return qs.order_by("-id")


def _listing(pk: int) -> Listing:
    listing = (
        Listing.objects.select_related("enterprise", "category", "currency").filter(pk=pk).first()
    )
    if listing is None:
        raise Http404("listing")
    return listing


def get_listing_for_viewer(user: Any, pk: int) -> Listing:
    listing = _listing(pk)
    decision = permissions.can_view_listing(user, listing)
    if not decision:
        raise (
            Http404(decision.reason)
            if not getattr(user, "is_authenticated", False)
            else PermissionDenied(decision.reason)
        )
    return listing


def listings_of_seller(user: Any) -> QuerySet[Listing]:
    """Every listing of the enterprises the user represents, whatever its status."""
    organisations = roles.organisations(user, Role.ENTERPRISE_REP)
    return (
        Listing.objects.filter(enterprise__organisation_id__in=organisations)
        .select_related("enterprise", "currency")
        .order_by("-id")
    )


def listings_to_moderate(user: Any) -> QuerySet[Listing]:
    """Pending listings of the user's jurisdiction (none for non-staff)."""
    return (
        jurisdiction_scope(user, Listing.objects.filter(status=Listing.Status.PENDING))
        .select_related("enterprise", "currency")
        .order_by("id")
    )


def seller_enterprises(user: Any):
    from wenchuang.directory.models import Enterprise

    organisations = roles.organisations(user, Role.ENTERPRISE_REP)
    return Enterprise.objects.filter(organisation_id__in=organisations).order_by("id")


def _order(pk: int) -> Order:
    order = (
        Order.objects.select_related("listing", "seller", "buyer", "currency").filter(pk=pk).first()
    )
    if order is None:
        raise Http404("order")
    return order


def get_order_for_viewer(user: Any, pk: int) -> Order:
    order = _order(pk)
    decision = permissions.can_view_order(user, order)
    if not decision:
        raise PermissionDenied(decision.reason)
    return order


def orders_for(user: Any) -> QuerySet[Order]:
    """The orders the user buys, sells (for any enterprise they represent) or oversees."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    organisations = roles.organisations(user, Role.ENTERPRISE_REP)
    own = Order.objects.filter(Q(buyer=user) | Q(seller__organisation_id__in=organisations))
    overseen = jurisdiction_scope(user, Listing.objects.all()).values("id")
    if user.is_superuser:
        qs = Order.objects.all()
    else:
        qs = own | Order.objects.filter(listing_id__in=overseen)
    return qs.select_related("listing", "seller", "buyer", "currency").order_by("-id")


def messages_of(order: Order):
    return order.messages.select_related("author").order_by("created_at", "id")


# --- Sales and exports ---------------------------------------------------------------------


@dataclass(frozen=True)
class SalesRow:
    month: dt.date
    orders: int
    amount_cny: Decimal
    export_cny: Decimal


def sales_report(user: Any) -> list[SalesRow]:
    """The user's enterprises' completed sales by month of completion, in yuan."""
    organisations = roles.organisations(user, Role.ENTERPRISE_REP)
    rows = (
        Order.objects.filter(
            status=Order.Status.COMPLETED, seller__organisation_id__in=organisations
        )
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(
            orders=Count("id"),
            amount=Sum("total_cny"),
            export=Sum("total_cny", filter=~Q(buyer_country="CN")),
        )
        .order_by("month")
    )
    return [
        SalesRow(
            month=row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"],
            orders=row["orders"],
            amount_cny=row["amount"] or Decimal(0),
            export_cny=row["export"] or Decimal(0),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ExportRow:
    class_code: str
    country: str
    amount_cny: Decimal
    orders: int


def cultural_exports(start: dt.date, end: dt.date) -> list[ExportRow]:
    """Completed orders with the buyer abroad, completed from `start` to `end` (inclusive),
    by small class of the 2018 classification and buyer's country, in yuan at the rate of
    the day each order was placed (the figures statistics reads as cultural exports)."""
    rows = (
        Order.objects.filter(
            status=Order.Status.COMPLETED,
            completed_at__date__gte=start,
            completed_at__date__lte=end,
        )
        .exclude(buyer_country="CN")
        .values("class_code", "buyer_country")
        .annotate(amount=Sum("total_cny"), orders=Count("id"))
        .order_by("class_code", "buyer_country")
    )
    return [
        ExportRow(
            class_code=row["class_code"],
            country=row["buyer_country"],
            amount_cny=row["amount"] or Decimal(0),
            orders=row["orders"],
        )
        for row in rows
    ]


def moderators_of(listing: Listing) -> list:
    """The active centre staff whose jurisdiction covers the listing's region."""
    from wenchuang.accounts.models import User

    staff = User.objects.filter(is_active=True, affiliations__role=Role.CENTRE_STAFF).distinct()
    return [u for u in staff if roles.acts_as_staff_for(u, listing.region_id, Role.CENTRE_STAFF)]


# --- Registered works ----------------------------------------------------------------------


def works_held_by(user: Any):
    """The registered works the user holds (registered themselves or for an organisation
    they act for): what they may report infringements of."""
    from wenchuang.ip_registry.models import Work

    if not getattr(user, "is_authenticated", False):
        return Work.objects.none()
    return Work.objects.filter(
        Q(owner=user) | Q(organisation_id__in=roles.organisations(user))
    ).order_by("-id")


def matches_of(listing: Listing):
    """The likely copies found among the listing's images, nearest first."""
    return listing.matches.select_related("work", "image").order_by("own_work", "distance", "id")


def get_report_for_viewer(user: Any, pk: int):
    from .models import InfringementReport

    report = (
        InfringementReport.objects.select_related("listing__enterprise", "work", "reporter")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404("report")
    decision = permissions.can_view_report(user, report)
    if not decision:
        raise PermissionDenied(decision.reason)
    return report


def reports_to_decide(user: Any):
    from .models import InfringementReport

    open_states = (InfringementReport.Status.PENDING, InfringementReport.Status.ANSWERED)
    return (
        jurisdiction_scope(user, InfringementReport.objects.filter(status__in=open_states))
        .select_related("listing", "work")
        .order_by("id")
    )
