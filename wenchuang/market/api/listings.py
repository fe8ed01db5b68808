"""Listings in the marketplace API: search, read, list, moderate, withdraw, inquire."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Status

from wenchuang.core.money import NoRate, convert
from wenchuang.directory.models import Enterprise

from .. import selectors, services
from . import router
from .schemas import (
    MAX_ID,
    ConvertedPriceOut,
    ListingDetailOut,
    ListingDetailQuery,
    ListingIn,
    ListingModerateIn,
    ListingOut,
    ListingPatch,
    ListingQuery,
    MarketInquiryIn,
    OrderDetailOut,
)

TAGS = ["market"]

# --- Listings ------------------------------------------------------------------------------


@router.listing(
    "/market/listings",
    ListingOut,
    tags=TAGS,
    operation_id="market_listing_list",
    summary="Listings",
)
def listing_list(request: HttpRequest, query: Query[ListingQuery]):
    return selectors.listing_search(
        selectors.ListingFilters(
            q=query.q,
            major=query.major,
            category=query.category,
            kind=query.kind or "",
            exportable=query.exportable,
            country=query.country,
        )
    )


@router.read(
    "/market/listings/{id}", ListingDetailOut, tags=TAGS, operation_id="market_listing_detail"
)
def listing_detail(
    request: HttpRequest, query: Query[ListingDetailQuery], id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    if query.currency and listing.money is not None:
        target = query.currency.upper()
        try:
            done = convert(listing.money, target)
            listing.converted = ConvertedPriceOut(
                amount=done.converted.amount,
                currency=target,
                rate=done.rate,
                rate_date=done.rate_date,
            )
        except NoRate as missing:
            listing.converted = ConvertedPriceOut(currency=target, message=missing.message)
    return listing


def _enterprise(user, pk: int) -> Enterprise:
    enterprise = Enterprise.objects.filter(pk=pk).first()
    if enterprise is None:
        raise PermissionDenied(_("Unknown enterprise."))
    return enterprise


@router.write(
    "POST",
    "/market/listings",
    {201: ListingDetailOut},
    tags=TAGS,
    operation_id="market_listing_create",
    summary="List a product or service (a representative of the enterprise)",
)
def listing_create(request: HttpRequest, payload: ListingIn):
    data = payload.model_dump(exclude={"enterprise"})
    enterprise = _enterprise(request.auth, payload.enterprise)
    return Status(201, services.listing_create(enterprise=enterprise, by=request.auth, data=data))


@router.write(
    "PATCH",
    "/market/listings/{id}",
    {200: ListingDetailOut},
    tags=TAGS,
    operation_id="market_listing_update",
    summary="Change a listing (the seller); it goes back to moderation",
)
def listing_update(
    request: HttpRequest, payload: ListingPatch, id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    data = payload.model_dump(exclude_unset=True)
    version = request.headers.get("If-Match", "").strip('"') or None
    return services.listing_update(listing=listing, by=request.auth, data=data, version=version)


@router.write(
    "POST",
    "/market/listings/{id}/moderate",
    {200: ListingDetailOut},
    tags=TAGS,
    operation_id="market_listing_moderate",
    summary="Publish or reject a pending listing (centre staff of the seller's region)",
)
def listing_moderate(
    request: HttpRequest, payload: ListingModerateIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    return services.listing_moderate(
        listing=listing, by=request.auth, publish=payload.publish, note=payload.note
    )


@router.write(
    "POST",
    "/market/listings/{id}/withdraw",
    {200: ListingDetailOut},
    tags=TAGS,
    operation_id="market_listing_withdraw",
    summary="Take a listing off the market (the seller or staff)",
)
def listing_withdraw(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    return services.listing_withdraw(listing=listing, by=request.auth)


@router.write(
    "POST",
    "/market/listings/{id}/inquiries",
    {201: OrderDetailOut},
    tags=TAGS,
    operation_id="market_inquiry_send",
    summary="Ask the seller about a published listing (a signed-in buyer)",
)
def inquiry_send(
    request: HttpRequest, payload: MarketInquiryIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    order = services.inquiry_send(
        listing=listing, by=request.auth, quantity=payload.quantity, message=payload.message
    )
    return Status(201, order)
