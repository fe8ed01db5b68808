"""The marketplace API's schemas: what listings, orders and reports look like in JSON."""

import datetime
from decimal import Decimal

from django.db import models
from ninja import Field, Schema

from wenchuang.core.api_pages import PageQuery
from wenchuang.core.schema_rules import model_rule as Rule
from wenchuang.core.transitions import version_of

from .. import selectors
from ..models import Listing, Order

MAX_ID = 2**63 - 1

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


class ConvertedPriceOut(Schema):
    amount: Decimal | None = None
    currency: str
    rate: Decimal | None = None
    rate_date: datetime.date | None = None
    message: str = ""


class ListingDetailOut(ListingOut):
    description: str
    licence_terms: str
    converted: ConvertedPriceOut | None = None

    @staticmethod
    def resolve_description(obj: Listing) -> str:
        return str(obj.description)

    @staticmethod
    def resolve_converted(obj: Listing) -> ConvertedPriceOut | None:
        return getattr(obj, "converted", None)


class ListingQuery(PageQuery):
    q: str = Field("", max_length=200)
    major: str = Field("", max_length=2, pattern=r"^(\d{2})?$")
    category: str = Field("", max_length=4, pattern=r"^(\d{4})?$")
    kind: ListingKind | None = None
    country: str = Field("", max_length=2, pattern=r"^([A-Z]{2})?$")
    exportable: bool = False


class ListingDetailQuery(Schema):
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
    work: int | None = Field(None, ge=1, le=MAX_ID, description="a registered work's number")


class ListingPatch(Schema):
    """The fields to change; those not sent keep their value."""

    kind: ListingKind | None = None
    category: str | None = Field(None, pattern=r"^\d{4}$")
    title_zh_hans: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    title_fr: str | None = Field(None, max_length=200)
    title_de: str | None = Field(None, max_length=200)
    description_zh_hans: str | None = None
    description_en: str | None = None
    description_fr: str | None = None
    description_de: str | None = None
    price: Decimal | None = Field(None, gt=0, max_digits=16, decimal_places=2)
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    unit: str | None = Field(None, max_length=40)
    minimum_order: int | None = Field(None, ge=1, le=10_000_000)
    lead_time_days: int | None = Field(None, ge=0, le=730)
    exportable: bool | None = None
    countries: list[str] | None = None
    hs_code: str | None = Field(None, max_length=10)
    licence_terms: str | None = None
    work: int | None = Field(None, ge=1, le=MAX_ID)


class ListingModerateIn(Schema):
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


class OrderMessageOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_username()


class OrderDetailOut(OrderOut):
    messages: list[OrderMessageOut]

    @staticmethod
    def resolve_messages(obj: Order) -> list:
        return list(selectors.messages_of(obj))


class MarketInquiryIn(Schema):
    quantity: int = Field(..., ge=1, le=10_000_000)
    message: str = Field(..., min_length=1, max_length=20_000)


class OrderQuoteIn(Schema):
    unit_price: Decimal = Field(..., gt=0, max_digits=16, decimal_places=2)
    currency: str = Field(..., pattern=r"^[A-Z]{3}$")
    quantity: int | None = Field(None, ge=1, le=10_000_000)
    note: str = Field("", max_length=2000)


class OrderMoveIn(Schema):
    status: OrderMove
    note: str = Field("", max_length=2000)


class OrderPaymentIn(Schema):
    reference: str = Field("", max_length=120)


class OrderMessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=20_000)


class BuyerProfileIO(Schema):
    organisation_name: str = Field("", max_length=200)
    country: str = Field("CN", pattern=r"^[A-Z]{2}$")
    preferred_currency: str = Field("CNY", pattern=r"^[A-Z]{3}$")

    @staticmethod
    def resolve_preferred_currency(obj) -> str:
        return obj.preferred_currency_id


class CulturalExportOut(Schema):
    class_code: str
    country: str
    amount_cny: Decimal
    orders: int


class CulturalExportQuery(Schema):
    start: datetime.date
    end: datetime.date


class InfringementReportOut(Schema):
    id: int
    listing_id: int
    work_id: int
    status: str
    statement: str
    answer: str
    decision_note: str
    created_at: datetime.datetime
    version: str

    @staticmethod
    def resolve_version(obj) -> str:
        return version_of(obj)


class InfringementReportIn(Schema):
    work: int = Field(..., ge=1, le=MAX_ID)
    statement: str = Field(..., min_length=1, max_length=20_000)


class InfringementAnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=20_000)


class InfringementDecideIn(Schema):
    uphold: bool
    note: str = Field(..., min_length=1, max_length=2000)
