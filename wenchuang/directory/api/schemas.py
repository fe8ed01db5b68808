"""Input and output schemas of the directory API, with the field types they share."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db import models
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, field_validator

from wenchuang.core.api_pages import PageQuery, Row
from wenchuang.core.languages import localized
from wenchuang.core.schema_rules import model_rule as Rule
from wenchuang.core.transitions import version_of
from wenchuang.core.validators import normalise_code, normalise_credit_code
from wenchuang.reference.models import IndustryCategory

from .. import permissions, selectors
from ..models import DirectoryRecord, Enterprise, Investor, Park, ServiceProvider, Talent

# Ids beyond a signed 64-bit integer cannot be looked up: the database would overflow.
MAX_ID = 2**63 - 1


RegionCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 code")]
CategoryCode = Annotated[
    str, Field(pattern=r"^[0-9]{2,4}$", description="2018 culture-industry class code")
]
SmallCategoryCode = Annotated[
    str, Field(pattern=r"^[0-9]{4}$", description="small category of the 2018 classification")
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


# The model's choices under names of their own: OpenAPI components are named after the class,
# and three classes called `Level` (parks, regions, categories) would collapse into one.
def choices_named(name: str, choices: Any) -> Any:
    base = models.IntegerChoices if issubclass(choices, int) else models.TextChoices
    return base(name, [(member.name, (member.value, member.label)) for member in choices])


ParkLevel = choices_named("ParkLevel", Park.Level)
CategoryLevel = choices_named("CategoryLevel", IndustryCategory.Level)
CulturalDomain = choices_named("CulturalDomain", IndustryCategory.Domain)
InvestorType = choices_named("InvestorType", Investor.InvestorType)
ProviderService = choices_named("ProviderService", ServiceProvider.Service)


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def unset(**kwargs: Any) -> Any:
    """A PATCH field that is left alone unless sent: no default in the schema (a default
    of "" would violate the field's own pattern), and an explicit null is refused."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


# --- Output -------------------------------------------------------------------------------


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
        # A detail schema (ninja's Schema) has already turned the manager into a list of
        # categories; a list row holds the codes themselves.
        if hasattr(value, "all"):
            value = value.all()
        return [getattr(category, "code", category) for category in value]


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
    version: str = Field(
        "",
        description="The record's state when read; send it as If-Match with a PATCH so that "
        "an edit based on an older state is refused (409) instead of undoing another's.",
    )

    @staticmethod
    def resolve_version(obj: DirectoryRecord) -> str:
        return version_of(obj)

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
    """Fields every kind accepts; on PATCH only the fields sent are changed.

    Each field follows its model field's rules (wenchuang.core.schema_rules): a value is
    refused with the message a form or an import gives for it.
    """

    model_config = ConfigDict(extra="forbid")

    name_zh_hans: Rule(Park, "name_zh_hans") = ""
    name_en: Rule(Park, "name_en") = ""
    name_fr: Rule(Park, "name_fr") = ""
    name_de: Rule(Park, "name_de") = ""
    description_zh_hans: Rule(Park, "description_zh_hans") = ""
    description_en: Rule(Park, "description_en") = ""
    description_fr: Rule(Park, "description_fr") = ""
    description_de: Rule(Park, "description_de") = ""
    region: RegionCode = unset()
    address: Rule(Park, "address") = ""
    contact_person: Rule(Park, "contact_person") = ""
    email: Rule(Park, "email") = ""
    phone: Rule(Park, "phone") = ""
    website: Rule(Park, "website") = ""


class EnterpriseIn(RecordIn):
    credit_code: (
        Annotated[Rule(Enterprise, "credit_code"), BeforeValidator(normalise_credit_code)] | None
    ) = None
    category: SmallCategoryCode = unset()
    park: Id | None = None
    founded_year: Rule(Enterprise, "founded_year") | None = None
    employees: Rule(Enterprise, "employees") | None = None
    annual_revenue: Rule(Enterprise, "annual_revenue") | None = None
    revenue_year: Rule(Enterprise, "revenue_year") | None = None


class ParkIn(RecordIn):
    level: ParkLevel = ParkLevel.OTHER
    latitude: Rule(Park, "latitude") | None = None
    longitude: Rule(Park, "longitude") | None = None
    area_hectares: Rule(Park, "area_hectares") | None = None
    vacancy_rate: Rule(Park, "vacancy_rate") | None = None


class InvestorIn(RecordIn):
    investor_type: InvestorType = InvestorType.VENTURE
    country: Annotated[Rule(Investor, "country"), BeforeValidator(normalise_code)] = Field(
        "CN", description="ISO 3166 alpha-2"
    )
    ticket_min: Rule(Investor, "ticket_min") | None = None
    ticket_max: Rule(Investor, "ticket_max") | None = None
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$", description="ISO 4217")


class TalentIn(RecordIn):
    title: Rule(Talent, "title") = ""
    category: CategoryCode | None = None


class ProviderIn(RecordIn):
    service: ProviderService = ProviderService.INFORMATION
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
    service: ProviderService


class ListQuery(PageQuery):
    q: str = Field("", max_length=200, description="Words in any of the four languages")
    province: RegionCode | None = None
    prefecture: RegionCode | None = None
    county: RegionCode | None = None
    major: Annotated[str, Field(pattern=r"^[0-9]{2}$")] | None = None
    mid: Annotated[str, Field(pattern=r"^[0-9]{3}$")] | None = None
    small: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None
    domain: CulturalDomain | None = None
    park: Id | None = Field(None, description="Enterprises only: tenants of this park")
    above_size: bool | None = Field(None, description="Enterprises only")
    status: Literal["pending", "published", "rejected"] | None = None
    sort: Literal[tuple(selectors.SORTS)] | None = Field(  # type: ignore[valid-type]
        None, description="Default: relevance when q has words, else id (oldest first)"
    )
