"""JSON endpoints under /api/v1/: directory records and the reference data they use."""

import dataclasses
import datetime
import enum
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, BaseModel, ConfigDict, create_model, field_validator
from pydantic_core import PydanticCustomError

from wenchuang.api import READ_AUTH, READ_ERRORS, READ_SECURITY, WRITE_AUTH, WRITE_ERRORS
from wenchuang.core.audit import history_for
from wenchuang.core.languages import language_fields, localized
from wenchuang.reference import selectors as reference
from wenchuang.reference.models import IndustryCategory, Region

from . import permissions, selectors, services
from .forms import FilterForm
from .models import DirectoryRecord, Investor, Park, ProfileChange, ServiceProvider

router = Router()

# Ids beyond a signed 64-bit integer cannot be looked up: the database would overflow.
MAX_ID = 2**63 - 1
MAX_PAGE_SIZE = 100
CONTACT_FIELDS = ("contact_person", "email", "phone", "website")


def _no_null_character(value: str) -> str:
    # PostgreSQL refuses NUL in text; say so here instead of failing at the database.
    if "\x00" in value:
        raise PydanticCustomError("null_character", "Text may not contain NUL characters.")
    return value


Text = Annotated[str, AfterValidator(_no_null_character)]
RegionCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 code")]
CategoryCode = Annotated[
    str, Field(pattern=r"^[0-9]{2,4}$", description="2018 culture-industry class code")
]
SmallCategoryCode = Annotated[
    str, Field(pattern=r"^[0-9]{4}$", description="small category of the 2018 classification")
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Money = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
Year = Annotated[int, Field(ge=1800, le=2100)]


# --- Output -------------------------------------------------------------------------------


class Row(BaseModel):
    """Read straight from model attributes by pydantic-core: for list rows, several times
    faster than ninja's Schema, which wraps every object in a Python-level getter."""

    model_config = ConfigDict(from_attributes=True)


class RegionOut(Row):
    code: str
    name: str
    name_zh_hans: str
    name_en: str
    level: int
    parent: str | None = Field(None, validation_alias="parent_id")


class RegionRef(Row):
    code: str
    name: str
    level: int


class CategoryOut(Row):
    code: str
    name: str
    name_zh_hans: str
    name_en: str
    name_fr: str
    name_de: str
    level: int
    domain: str
    parent: str | None = Field(None, validation_alias="parent_id")


class CategoryRef(Row):
    code: str
    name: str
    level: int
    domain: str


class ParkRef(Row):
    id: int
    name: str


class RecordOut(Row):
    id: int
    kind: str
    name: str
    name_zh_hans: str
    name_en: str
    name_fr: str
    name_de: str
    region: RegionRef
    province_code: str
    prefecture_code: str
    status: str
    updated_at: datetime.datetime


class EnterpriseOut(RecordOut):
    credit_code: str | None
    category: CategoryRef
    major_code: str
    mid_code: str
    domain: str
    park: ParkRef | None
    founded_year: int | None
    employees: int | None
    annual_revenue: Decimal | None
    revenue_year: int | None
    above_designated_size: bool


class FocusCategories(Row):
    focus_categories: list[str]

    @field_validator("focus_categories", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> Any:
        # .all() reads the prefetched rows, so a list page stays at a fixed number of queries.
        if hasattr(value, "all"):
            return [category.code for category in value.all()]
        return value


class ParkOut(RecordOut, FocusCategories):
    level: str
    latitude: Decimal | None
    longitude: Decimal | None
    area_hectares: Decimal | None
    vacancy_rate: Decimal | None


class InvestorOut(RecordOut, FocusCategories):
    investor_type: str
    country: str
    ticket_min: Decimal | None
    ticket_max: Decimal | None
    currency: str = Field(validation_alias="currency_id")


class TalentOut(RecordOut):
    title: str
    category: CategoryRef | None


class ProviderOut(RecordOut):
    service: str
    certified: bool


class ContactsOut(Schema):
    contact_person: str
    email: str
    phone: str
    website: str


class DetailFields(Schema):
    description: str
    description_zh_hans: str
    description_en: str
    description_fr: str
    description_de: str
    address: str
    contacts: ContactsOut | None = Field(
        description="Shown to agency staff and the record's own organisation only."
    )
    contacts_hidden_reason: str = ""

    @staticmethod
    def resolve_description(obj: DirectoryRecord) -> str:
        return localized(obj, "description").text

    @staticmethod
    def resolve_contacts(obj: DirectoryRecord, context: dict[str, Any]) -> DirectoryRecord | None:
        return obj if permissions.can_view_contacts(context["request"].auth, obj) else None

    @staticmethod
    def resolve_contacts_hidden_reason(obj: DirectoryRecord, context: dict[str, Any]) -> str:
        return permissions.can_view_contacts(context["request"].auth, obj).reason


class EnterpriseDetail(EnterpriseOut, DetailFields):
    pass


class ParkDetail(ParkOut, DetailFields):
    pass


class InvestorDetail(InvestorOut, DetailFields):
    pass


class TalentDetail(TalentOut, DetailFields):
    pass


class ProviderDetail(ProviderOut, DetailFields):
    pass


class PageBase(Row):
    count: int
    page: int
    page_size: int


class ChangeOut(Schema):
    """A proposed change held until centre staff validate it."""

    id: int
    record_type: str
    record_id: int
    status: str
    changes: dict[str, Any]
    submitted_at: datetime.datetime


class EventOut(Schema):
    at: datetime.datetime
    action: str
    action_label: str
    actor: str | None
    changes: dict[str, Any]
    note: str


# --- Input --------------------------------------------------------------------------------


class RecordIn(Schema):
    """Fields every kind accepts; on PATCH only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name_zh_hans: Text = Field("", max_length=200)
    name_en: Text = Field("", max_length=200)
    name_fr: Text = Field("", max_length=200)
    name_de: Text = Field("", max_length=200)
    description_zh_hans: Text = Field("", max_length=services.MAX_DESCRIPTION_CHARS)
    description_en: Text = Field("", max_length=services.MAX_DESCRIPTION_CHARS)
    description_fr: Text = Field("", max_length=services.MAX_DESCRIPTION_CHARS)
    description_de: Text = Field("", max_length=services.MAX_DESCRIPTION_CHARS)
    region: RegionCode = ""
    address: Text = Field("", max_length=300)
    contact_person: Text = Field("", max_length=100)
    email: Text = Field("", max_length=254)
    phone: Text = Field("", max_length=40)
    website: Text = Field("", max_length=200)


class EnterpriseIn(RecordIn):
    credit_code: str | None = Field(None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$")
    category: SmallCategoryCode = ""
    park: Id | None = None
    founded_year: Year | None = None
    employees: int | None = Field(None, ge=0, le=10_000_000)
    annual_revenue: Money | None = None
    revenue_year: Year | None = None


class ParkIn(RecordIn):
    level: Park.Level = Park.Level.OTHER
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    area_hectares: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    vacancy_rate: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)


class InvestorIn(RecordIn):
    investor_type: Investor.InvestorType = Investor.InvestorType.VENTURE
    country: str = Field("CN", pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2")
    ticket_min: Money | None = None
    ticket_max: Money | None = None
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$", description="ISO 4217")


class TalentIn(RecordIn):
    title: Text = Field("", max_length=120)
    category: CategoryCode | None = None


class ProviderIn(RecordIn):
    service: ServiceProvider.Service = ServiceProvider.Service.INFORMATION
    certified: bool = Field(False, description="Centre staff only.")


# Creating needs a region (and a category for enterprises, a service for providers).
class EnterpriseCreate(EnterpriseIn):
    region: RegionCode
    category: SmallCategoryCode


class ParkCreate(ParkIn):
    region: RegionCode


class InvestorCreate(InvestorIn):
    region: RegionCode


class TalentCreate(TalentIn):
    region: RegionCode


class ProviderCreate(ProviderIn):
    region: RegionCode
    service: ServiceProvider.Service


class ListQuery(Schema):
    q: str = Field("", max_length=200, description="Words in any of the four languages")
    province: RegionCode | None = None
    prefecture: RegionCode | None = None
    county: RegionCode | None = None
    major: Annotated[str, Field(pattern=r"^[0-9]{2}$")] | None = None
    mid: Annotated[str, Field(pattern=r"^[0-9]{3}$")] | None = None
    small: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None
    domain: IndustryCategory.Domain | None = None
    park: Id | None = Field(None, description="Enterprises only: tenants of this park")
    above_size: bool | None = Field(None, description="Enterprises only")
    status: Literal["pending", "published", "rejected"] | None = None
    sort: Literal[tuple(selectors.SORTS)] = "id"  # type: ignore[valid-type]
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


# --- Helpers ------------------------------------------------------------------------------


def _filters(query: ListQuery) -> selectors.DirectoryFilters:
    """The pages' filter form checks the codes, so both name an unknown code the same way."""
    data = {
        name: getattr(query, name)
        for name in ("q", "province", "prefecture", "county", "major", "mid", "small", "park")
        if getattr(query, name) not in (None, "")
    }
    if query.domain:
        data["domain"] = query.domain.value
    if query.above_size is not None:
        data["above_size"] = "yes" if query.above_size else "no"
    form = FilterForm(data)
    if not form.is_valid():
        raise NinjaValidationError(
            [
                {"loc": ["query", field], "msg": str(message), "type": "value_error"}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    return dataclasses.replace(form.to_filters(), status=query.status or "", sort=query.sort)


def _service_data(payload: Schema) -> dict[str, Any]:
    data = {
        name: value.value if isinstance(value, enum.Enum) else value
        for name, value in payload.model_dump(exclude_unset=True).items()
    }
    return data


def _page(records: QuerySet, page: int, page_size: int) -> dict[str, Any]:
    start = (page - 1) * page_size
    return {
        "count": records.count(),
        "page": page,
        "page_size": page_size,
        "results": list(records[start : start + page_size]),
    }


def _event(event, show_private: bool) -> dict[str, Any]:
    changes = event.changes or {}
    if not show_private:
        changes = {k: v for k, v in changes.items() if k not in CONTACT_FIELDS}
    return {
        "at": event.at,
        "action": event.action,
        "action_label": str(event.get_action_display()),
        # Who made a change is agency-internal, like the contacts.
        "actor": event.actor.get_username() if show_private and event.actor else None,
        "changes": changes,
        "note": event.note,
    }


# --- Records ------------------------------------------------------------------------------


def _register(
    kind: str,
    out: type[Schema],
    detail: type[Schema],
    create: type[Schema],
    update: type[Schema],
) -> None:
    """The five operations of one kind; written once so that every kind behaves alike."""
    model = selectors.KINDS[kind]
    plural = f"{kind}s"
    page_schema = create_model(f"{out.__name__}Page", __base__=PageBase, results=(list[out], ...))
    related: list[str] = []
    prefetch: list[str] = []
    # A list shows no descriptions; the search text alone is several times the row.
    heavy = ["search_text", *language_fields("description")]
    if hasattr(model, "focus_categories"):
        prefetch.append("focus_categories")
    if model is selectors.KINDS["talent"]:
        related.append("category")

    @router.get(
        f"/{plural}",
        response={200: page_schema, **READ_ERRORS},
        auth=READ_AUTH,
        openapi_extra=READ_SECURITY,
        operation_id=f"{kind}_list",
        url_name=f"{kind}-list",
        tags=[plural],
        summary=f"List {plural}",
    )
    def record_list(request: HttpRequest, query: Query[ListQuery]):
        records = selectors.directory_list(user=request.auth, model=model, filters=_filters(query))
        records = records.select_related(*related).prefetch_related(*prefetch).defer(*heavy)
        return _page(records, query.page, query.page_size)

    @router.get(
        f"/{plural}/{{id}}",
        response={200: detail, **READ_ERRORS},
        auth=READ_AUTH,
        openapi_extra=READ_SECURITY,
        operation_id=f"{kind}_detail",
        url_name=f"{kind}-detail",
        tags=[plural],
        summary=f"One {kind}",
    )
    def record_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
        return selectors.get_record_for_view(request.auth, model, id)

    @router.post(
        f"/{plural}",
        response={201: detail, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{kind}_create",
        tags=[plural],
        summary=f"Add a {kind}",
        description="Published at once when centre staff add it; otherwise held for validation.",
    )
    def record_create(request: HttpRequest, payload: create):  # type: ignore[valid-type]
        record = services.record_create(model=model, by=request.auth, data=_service_data(payload))
        return Status(201, record)

    @router.patch(
        f"/{plural}/{{id}}",
        response={200: detail, 202: ChangeOut, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{kind}_update",
        tags=[plural],
        summary=f"Change a {kind}",
        description=(
            "200 with the record when the change applies at once; 202 with the pending change "
            "when a representative edits a published profile and staff must validate it."
        ),
    )
    def record_update(
        request: HttpRequest,
        payload: update,  # type: ignore[valid-type]
        id: int = Path(..., ge=1, le=MAX_ID),
    ):
        record = selectors.get_record_for_edit(request.auth, model, id)
        result = services.record_update(record=record, by=request.auth, data=_service_data(payload))
        if isinstance(result, ProfileChange):
            return Status(202, result)
        return Status(200, result)

    @router.get(
        f"/{plural}/{{id}}/history",
        response={200: list[EventOut], **READ_ERRORS},
        auth=READ_AUTH,
        openapi_extra=READ_SECURITY,
        operation_id=f"{kind}_history",
        url_name=f"{kind}-history",
        tags=[plural],
        summary=f"Audit trail of a {kind}",
        description="Contact changes and who made each change are shown to agency staff only.",
    )
    def record_history(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
        record = selectors.get_record_for_view(request.auth, model, id)
        show_private = permissions.can_view_contacts(request.auth, record).allowed
        return [_event(event, show_private) for event in history_for(record)[:200]]


_register("enterprise", EnterpriseOut, EnterpriseDetail, EnterpriseCreate, EnterpriseIn)
_register("park", ParkOut, ParkDetail, ParkCreate, ParkIn)
_register("investor", InvestorOut, InvestorDetail, InvestorCreate, InvestorIn)
_register("talent", TalentOut, TalentDetail, TalentCreate, TalentIn)
_register("provider", ProviderOut, ProviderDetail, ProviderCreate, ProviderIn)


# --- Reference data -----------------------------------------------------------------------


@router.get(
    "/regions",
    response={200: list[RegionOut], **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    operation_id="region_list",
    tags=["reference"],
    summary="Regions under a parent (provinces when no parent is given)",
)
def region_list(request: HttpRequest, parent: RegionCode | None = None):
    if parent and not Region.objects.filter(code=parent).exists():
        raise NinjaValidationError(
            [
                {
                    "loc": ["query", "parent"],
                    "msg": _("Unknown region code: %(code)s") % {"code": parent},
                    "type": "value_error",
                }
            ]
        )
    return list(reference.region_children(parent))


@router.get(
    "/categories",
    response={200: list[CategoryOut], **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    operation_id="category_list",
    tags=["reference"],
    summary="Classes of the 2018 classification: a level, or the children of a parent",
)
def category_list(
    request: HttpRequest,
    parent: Annotated[str, Field(pattern=r"^[0-9]{2,3}$")] | None = None,
    level: IndustryCategory.Level | None = None,
):
    if parent:
        parent_category = IndustryCategory.objects.filter(code=parent).first()
        if parent_category is None:
            raise NinjaValidationError(
                [
                    {
                        "loc": ["query", "parent"],
                        "msg": _("Unknown category code: %(code)s") % {"code": parent},
                        "type": "value_error",
                    }
                ]
            )
        return list(reference.category_choices(level or parent_category.level + 1, parent))
    return list(reference.category_choices(level or IndustryCategory.Level.MAJOR))
