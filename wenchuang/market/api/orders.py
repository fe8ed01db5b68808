"""Orders in the marketplace API: the thread, the moves, payment; buyers' profiles and the
export figures."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Status

from wenchuang.accounts import roles
from wenchuang.core.api_pages import PageQuery

from .. import selectors, services
from . import router
from .schemas import (
    MAX_ID,
    BuyerProfileIO,
    CulturalExportOut,
    CulturalExportQuery,
    OrderDetailOut,
    OrderMessageIn,
    OrderMessageOut,
    OrderMoveIn,
    OrderOut,
    OrderPaymentIn,
    OrderQuoteIn,
)

TAGS = ["market"]

# --- Orders --------------------------------------------------------------------------------


@router.listing(
    "/market/orders",
    OrderOut,
    tags=TAGS,
    operation_id="market_order_list",
    summary="The orders and inquiries you buy, sell or oversee",
)
def order_list(request: HttpRequest, query: Query[PageQuery]):
    return selectors.orders_for(request.auth)


@router.read("/market/orders/{id}", OrderDetailOut, tags=TAGS, operation_id="market_order_detail")
def order_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_order_for_viewer(request.auth, id)


@router.write(
    "POST",
    "/market/orders/{id}/quote",
    {200: OrderDetailOut},
    tags=TAGS,
    operation_id="market_order_quote",
    summary="Answer an inquiry with a unit price (the seller)",
)
def order_quote(request: HttpRequest, payload: OrderQuoteIn, id: int = Path(..., ge=1, le=MAX_ID)):
    order = selectors.get_order_for_viewer(request.auth, id)
    return services.quote_send(
        order=order,
        by=request.auth,
        unit_price=payload.unit_price,
        currency=payload.currency,
        quantity=payload.quantity,
        note=payload.note,
    )


_MOVES = {
    "ordered": lambda order, by, note: services.order_place(order=order, by=by),
    "shipped": lambda order, by, note: services.order_ship(order=order, by=by, note=note),
    "delivered": lambda order, by, note: services.order_deliver(order=order, by=by),
    "completed": lambda order, by, note: services.order_complete(order=order, by=by),
    "cancelled": lambda order, by, note: services.order_cancel(order=order, by=by, note=note),
}


@router.write(
    "POST",
    "/market/orders/{id}/move",
    {200: OrderDetailOut},
    tags=TAGS,
    operation_id="market_order_move",
    summary="Move an order: ordered (the buyer accepts the quote), shipped, delivered, "
    "completed or cancelled",
)
def order_move(request: HttpRequest, payload: OrderMoveIn, id: int = Path(..., ge=1, le=MAX_ID)):
    order = selectors.get_order_for_viewer(request.auth, id)
    return _MOVES[str(payload.status.value)](order, request.auth, payload.note)


@router.write(
    "POST",
    "/market/orders/{id}/payment",
    {200: OrderDetailOut},
    tags=TAGS,
    operation_id="market_order_payment",
    summary="Record that the order was paid (manual confirmation by the seller or staff)",
)
def order_payment(
    request: HttpRequest, payload: OrderPaymentIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    order = selectors.get_order_for_viewer(request.auth, id)
    services.payment_confirm(order=order, by=request.auth, reference=payload.reference)
    return order


@router.write(
    "POST",
    "/market/orders/{id}/messages",
    {201: OrderMessageOut},
    tags=TAGS,
    operation_id="market_order_message",
    summary="Write in the order's thread (the buyer or the seller)",
)
def order_message(
    request: HttpRequest, payload: OrderMessageIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    order = selectors.get_order_for_viewer(request.auth, id)
    return Status(201, services.message_send(order=order, by=request.auth, body=payload.body))


# --- Buyers and figures --------------------------------------------------------------------


@router.read(
    "/market/buyer-profile", BuyerProfileIO, tags=TAGS, operation_id="market_buyer_profile"
)
def buyer_profile(request: HttpRequest):
    if not getattr(request.auth, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to keep a buyer profile."))
    return services.orders.profile_of(request.auth)


@router.write(
    "PUT",
    "/market/buyer-profile",
    {200: BuyerProfileIO},
    tags=TAGS,
    operation_id="market_buyer_profile_save",
    summary="Set your organisation, country and preferred currency",
)
def buyer_profile_save(request: HttpRequest, payload: BuyerProfileIO):
    return services.buyer_profile_save(user=request.auth, data=payload.model_dump())


@router.read(
    "/market/exports",
    list[CulturalExportOut],
    tags=TAGS,
    operation_id="market_cultural_exports",
    summary="Completed export orders by class and country, in yuan (agency staff)",
)
def cultural_exports(request: HttpRequest, query: Query[CulturalExportQuery]):
    if not roles.is_centre_staff(request.auth):
        raise PermissionDenied(_("Only agency staff read the export figures."))
    return selectors.cultural_exports(query.start, query.end)
