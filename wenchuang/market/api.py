"""The marketplace in the JSON API: listings, inquiries and orders, buyer profiles and the
cultural-export figures, with the same permissions as the pages."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema, Status

from wenchuang.accounts import roles
from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.money import NoRate, convert
from wenchuang.core.schema_rules import model_rule as Rule
from wenchuang.core.transitions import version_of
from wenchuang.directory.models import Enterprise

from . import selectors, services
from .models import Listing, Order

router = DomainRouter()
MAX_ID = 2**63 - 1
TAGS = ["market"]

ListingKind = models.TextChoices(
    "ListingKind", [(m.name, (m.value, m.label)) for m in Listing.Kind]
)
OrderMove = models.TextChoices(
    "OrderMove",
    [(s.upper(), s) for s in ("ordered", "shipped", "delivered", "completed", "cancelled")],
)


class ListingOut(Schema):
    id: int
    title: str
    kind: str
    category: str
    seller_id: int
    seller: str
    price: Decimal | None
    currency: str | None
    unit: str
    minimum_order: int
    lead_time_days: int | None
    exportable: bool
    countries: list[str]
    hs_code: str
    status: str
    version: str

    @staticmethod
    def resolve_title(obj: Listing) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_category(obj: Listing) -> str:
        return obj.category_id

    @staticmethod
    def resolve_seller_id(obj: Listing) -> int:
        return obj.enterprise_id

    @staticmethod
    def resolve_seller(obj: Listing) -> str:
        return str(obj.enterprise.name)

    @staticmethod
    def resolve_currency(obj: Listing) -> str | None:
        return obj.currency_id

    @staticmethod
    def resolve_version(obj: Listing) -> str:
        return version_of(obj)


class ConvertedOut(Schema):
    amount: Decimal | None = None
    currency: str
    rate: Decimal | None = None
    rate_date: datetime.date | None = None
    message: str = ""


class ListingDetailOut(ListingOut):
    description: str
    licence_terms: str
    converted: ConvertedOut | None = None

    @staticmethod
    def resolve_description(obj: Listing) -> str:
        return str(obj.description)

    @staticmethod
    def resolve_converted(obj: Listing) -> ConvertedOut | None:
        return getattr(obj, "converted", None)


class ListingQuery(PageQuery):
    q: str = Field("", max_length=200)
    major: str = Field("", max_length=2, pattern=r"^(\d{2})?$")
    category: str = Field("", max_length=4, pattern=r"^(\d{4})?$")
    kind: ListingKind | None = None
    country: str = Field("", max_length=2, pattern=r"^([A-Z]{2})?$")
    exportable: bool = False


class DetailQuery(Schema):
    currency: str = Field("", max_length=3, pattern=r"^([A-Za-z]{3})?$")


class ListingIn(Schema):
    enterprise: int = Field(..., ge=1, le=MAX_ID)
    kind: ListingKind = ListingKind("goods")
    category: str = Field(..., pattern=r"^\d{4}$")
    title_zh_hans: Rule(Listing, "title_zh_hans") = ""  # type: ignore[valid-type]
    title_en: Rule(Listing, "title_en") = ""  # type: ignore[valid-type]
    title_fr: Rule(Listing, "title_fr") = ""  # type: ignore[valid-type]
    title_de: Rule(Listing, "title_de") = ""  # type: ignore[valid-type]
    description_zh_hans: str = ""
    description_en: str = ""
    description_fr: str = ""
    description_de: str = ""
    price: Decimal | None = Field(None, gt=0, max_digits=16, decimal_places=2)
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    unit: str = Field("", max_length=40)
    minimum_order: int = Field(1, ge=1, le=10_000_000)
    lead_time_days: int | None = Field(None, ge=0, le=730)
    exportable: bool = False
    countries: list[str] = []
    hs_code: str = Field("", max_length=10)
    licence_terms: str = ""


class ModerateIn(Schema):
    publish: bool
    note: str = Field("", max_length=2000)


class OrderOut(Schema):
    id: int
    listing_id: int
    seller_id: int
    status: str
    quantity: int
    unit_price: Decimal | None
    currency: str | None
    total: Decimal | None
    buyer_currency: str
    buyer_total: Decimal | None
    buyer_rate: Decimal | None
    rate_date: datetime.date | None
    buyer_country: str
    paid: bool
    version: str

    @staticmethod
    def resolve_currency(obj: Order) -> str | None:
        return obj.currency_id

    @staticmethod
    def resolve_paid(obj: Order) -> bool:
        return obj.paid_at is not None

    @staticmethod
    def resolve_version(obj: Order) -> str:
        return version_of(obj)


class MessageOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_username()


class OrderDetailOut(OrderOut):
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(obj: Order) -> list:
        return list(selectors.messages_of(obj))


class InquiryIn(Schema):
    quantity: int = Field(..., ge=1, le=10_000_000)
    message: str = Field(..., min_length=1, max_length=20_000)


class QuoteIn(Schema):
    unit_price: Decimal = Field(..., gt=0, max_digits=16, decimal_places=2)
    currency: str = Field(..., pattern=r"^[A-Z]{3}$")
    quantity: int | None = Field(None, ge=1, le=10_000_000)
    note: str = Field("", max_length=2000)


class MoveIn(Schema):
    status: OrderMove
    note: str = Field("", max_length=2000)


class PaymentIn(Schema):
    reference: str = Field("", max_length=120)


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=20_000)


class BuyerProfileIO(Schema):
    organisation_name: str = Field("", max_length=200)
    country: str = Field("CN", pattern=r"^[A-Z]{2}$")
    preferred_currency: str = Field("CNY", pattern=r"^[A-Z]{3}$")

    @staticmethod
    def resolve_preferred_currency(obj) -> str:
        return obj.preferred_currency_id


class ExportOut(Schema):
    class_code: str
    country: str
    amount_cny: Decimal
    orders: int


class ExportQuery(Schema):
    start: datetime.date
    end: datetime.date


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
    request: HttpRequest, query: Query[DetailQuery], id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    if query.currency and listing.money is not None:
        target = query.currency.upper()
        try:
            done = convert(listing.money, target)
            listing.converted = ConvertedOut(
                amount=done.converted.amount,
                currency=target,
                rate=done.rate,
                rate_date=done.rate_date,
            )
        except NoRate as missing:
            listing.converted = ConvertedOut(currency=target, message=missing.message)
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
def listing_update(request: HttpRequest, payload: ListingIn, id: int = Path(..., ge=1, le=MAX_ID)):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    data = payload.model_dump(exclude={"enterprise"}, exclude_unset=True)
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
    request: HttpRequest, payload: ModerateIn, id: int = Path(..., ge=1, le=MAX_ID)
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
def inquiry_send(request: HttpRequest, payload: InquiryIn, id: int = Path(..., ge=1, le=MAX_ID)):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    order = services.inquiry_send(
        listing=listing, by=request.auth, quantity=payload.quantity, message=payload.message
    )
    return Status(201, order)


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
def order_quote(request: HttpRequest, payload: QuoteIn, id: int = Path(..., ge=1, le=MAX_ID)):
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
def order_move(request: HttpRequest, payload: MoveIn, id: int = Path(..., ge=1, le=MAX_ID)):
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
def order_payment(request: HttpRequest, payload: PaymentIn, id: int = Path(..., ge=1, le=MAX_ID)):
    order = selectors.get_order_for_viewer(request.auth, id)
    services.payment_confirm(order=order, by=request.auth, reference=payload.reference)
    return order


@router.write(
    "POST",
    "/market/orders/{id}/messages",
    {201: MessageOut},
    tags=TAGS,
    operation_id="market_order_message",
    summary="Write in the order's thread (the buyer or the seller)",
)
def order_message(request: HttpRequest, payload: MessageIn, id: int = Path(..., ge=1, le=MAX_ID)):
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
    list[ExportOut],
    tags=TAGS,
    operation_id="market_cultural_exports",
    summary="Completed export orders by class and country, in yuan (agency staff)",
)
def cultural_exports(request: HttpRequest, query: Query[ExportQuery]):
    if not roles.is_centre_staff(request.auth):
        raise PermissionDenied(_("Only agency staff read the export figures."))
    return selectors.cultural_exports(query.start, query.end)
