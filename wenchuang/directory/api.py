"""JSON endpoints under /api/v1/: directory records and the reference data they use."""

import dataclasses
import datetime
import enum
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db.models import ManyToManyField, QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, BaseModel, ConfigDict, create_model, field_validator
from pydantic_core import PydanticCustomError

from wenchuang.api import READ_AUTH, READ_ERRORS, READ_SECURITY, WRITE_AUTH, WRITE_ERRORS
from wenchuang.core.audit import history_for
from wenchuang.core.languages import CONTENT_LANGUAGES, localized, suffix
from wenchuang.core.pagination import CappedPaginator
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
    count: int = Field(
        description="Matching records, counted up to 10,000 (as the pages do); see count_capped."
    )
    count_capped: bool = Field(
        description="True when more records match than `count` says: narrow the filters to page "
        "through all of them."
    )
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
    if not data:
        # Nothing to check: what an empty form would give, without building one.
        return selectors.DirectoryFilters(status=query.status or "", sort=query.sort)
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


def _page(records: QuerySet, page: int, page_size: int, rows=list) -> dict[str, Any]:
    start = (page - 1) * page_size
    # Counting every match of a million-row table costs more than the page itself.
    counter = CappedPaginator(records, page_size)
    return {
        "count": counter.count,
        "count_capped": counter.has_more,
        "page": page,
        "page_size": page_size,
        "results": rows(records[start : start + page_size]),
    }


# --- List rows ----------------------------------------------------------------------------
# A list page reads plain column values instead of model instances: building 25 instances
# (with region, category and park) and reading their `name` properties was most of the cost
# of a page. The columns are derived from the output schema, so the schema stays the one
# source of what a row holds.


@dataclasses.dataclass(frozen=True)
class _Ref:
    """A nested reference in a row (RegionRef, CategoryRef, ParkRef), read through a join."""

    field: str  # the foreign key on the record: "region"
    key: str  # the key of the reference, read from the record's own column: "code"
    names: dict[str, str]  # language code -> the joined name column the related model has
    others: tuple[str, ...]  # other fields of the reference: "level", "domain"

    def columns(self) -> list[str]:
        return [*self.names.values(), *(f"{self.field}__{name}" for name in self.others)]


def _ref_class(annotation: Any) -> type[BaseModel] | None:
    """RegionRef for `RegionRef`, CategoryRef for `CategoryRef | None`, else None."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, Row):
            return candidate
    return None


def _localized_text(row: dict[str, Any], columns: dict[str, str], order: list[str]) -> str:
    """`localized(obj, "name").text` for a row: the first language in `order` with text."""
    for code in order:
        text = row.get(columns.get(code, "")) or ""
        if text.strip():
            return text
    return ""


def _language_order() -> list[str]:
    # The same order as core.languages.localized: the active language, then the fallbacks.
    wanted = translation.get_language() or settings.LANGUAGE_CODE
    order = [wanted, *[code for code in settings.CONTENT_FALLBACK if code != wanted]]
    return order + [code for code in CONTENT_LANGUAGES if code not in order]


def _row_reader(model: type[DirectoryRecord], out: type[BaseModel]):
    """A function from a sliced queryset of `model` to the rows of `out`, as dicts."""
    plain: list[str] = []  # columns read as they are
    refs: dict[str, _Ref] = {}
    m2m: list[str] = []
    for name, info in out.model_fields.items():
        ref_class = _ref_class(info.annotation)
        if name in ("kind", "name"):
            continue
        if ref_class is not None:
            related = model._meta.get_field(name).related_model
            field_names = {field.name for field in related._meta.get_fields()}
            key = "code" if "code" in ref_class.model_fields else "id"
            refs[name] = _Ref(
                field=name,
                key=key,
                names={
                    code: f"{name}__name_{suffix(code)}"
                    for code in CONTENT_LANGUAGES
                    if f"name_{suffix(code)}" in field_names
                },
                others=tuple(f for f in ref_class.model_fields if f not in (key, "name")),
            )
        elif isinstance(model._meta.get_field(name), ManyToManyField):
            m2m.append(name)
        else:
            alias = info.validation_alias
            plain.append(alias if isinstance(alias, str) else name)
    own_names = {code: f"name_{suffix(code)}" for code in CONTENT_LANGUAGES}
    columns = [
        *dict.fromkeys([*plain, *own_names.values()]),
        *[f"{ref.field}_id" for ref in refs.values()],
        *[column for ref in refs.values() for column in ref.columns()],
    ]

    def read(records: QuerySet) -> list[dict[str, Any]]:
        values = list(records.values(*columns))
        order = _language_order()
        cache: dict[tuple[str, Any], dict[str, Any]] = {}
        rows = []
        for value in values:
            # Keyed by column: pydantic reads `currency` from its validation alias currency_id.
            row = {column: value[column] for column in plain}
            row["kind"] = model.kind
            row["name"] = _localized_text(value, own_names, order)
            for name, ref in refs.items():
                pk = value[f"{name}_id"]
                if pk is None:
                    row[name] = None
                    continue
                nested = cache.get((name, pk))
                if nested is None:
                    nested = {ref.key: pk, "name": _localized_text(value, ref.names, order)}
                    nested.update({field: value[f"{name}__{field}"] for field in ref.others})
                    cache[(name, pk)] = nested
                row[name] = nested
            rows.append(row)
        for name in m2m:
            _attach_codes(model, name, rows)
        return rows

    return read


def _attach_codes(model: type[DirectoryRecord], name: str, rows: list[dict[str, Any]]) -> None:
    """The codes of a many-to-many to categories, in code order, in one query for the page."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    codes: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if codes:
        links = through.objects.filter(**{f"{source}_id__in": list(codes)})
        for record_id, code in links.order_by(f"{target}_id").values_list(
            f"{source}_id", f"{target}_id"
        ):
            codes[record_id].append(code)
    for row in rows:
        row[name] = codes[row["id"]]


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
    read_rows = _row_reader(model, out)

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
        return _page(records, query.page, query.page_size, rows=read_rows)

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
