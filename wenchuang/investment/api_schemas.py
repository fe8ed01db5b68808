"""The investment API's request and answer schemas (the routes are in `api.py`)."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from wenchuang.core.api_pages import PageQuery
from wenchuang.core.transitions import version_of
from wenchuang.directory.api.schemas import MAX_ID, choices_named

from .matching.explain import explain
from .models import InvestorProfile, Lead, Project

ProjectStatus = choices_named("ProjectStatus", Project.Status)
LeadStage = choices_named("LeadStage", Lead.Stage)


class ProjectOut(Schema):
    id: int
    title: str
    pitch: str
    owner: str
    category: str = Field(description="The project category's code")
    category_label: str
    industry_class: str | None = Field(description="Small class of the 2018 classification")
    region: str = Field(description="GB/T 2260 code")
    park_id: int | None
    amount: Decimal | None
    currency: str | None = Field(description="ISO 4217 code of the amount")
    investment_type: str
    stage: str
    status: str
    status_label: str
    version: str

    @staticmethod
    def resolve_title(obj: Project) -> str:
        return obj.title

    @staticmethod
    def resolve_pitch(obj: Project) -> str:
        return obj.pitch

    @staticmethod
    def resolve_owner(obj: Project) -> str:
        return str(obj.owner)

    @staticmethod
    def resolve_category(obj: Project) -> str:
        return obj.category.code

    @staticmethod
    def resolve_category_label(obj: Project) -> str:
        return str(obj.category)

    @staticmethod
    def resolve_industry_class(obj: Project) -> str | None:
        return obj.industry_class_id

    @staticmethod
    def resolve_region(obj: Project) -> str:
        return obj.region_id

    @staticmethod
    def resolve_currency(obj: Project) -> str | None:
        return obj.currency_id

    @staticmethod
    def resolve_status_label(obj: Project) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_version(obj: Project) -> str:
        return version_of(obj)


class ProjectQuery(PageQuery):
    q: str = Field("", max_length=200)
    category: str = Field("", max_length=40, description="A project category's code")
    province: str = Field("", pattern=r"^(\d{6})?$", description="A province's GB/T 2260 code")
    status: ProjectStatus | None = None  # type: ignore[valid-type]


class ProjectIn(Schema):
    owner: int | None = Field(
        None, ge=1, le=MAX_ID, description="The organisation (default: the caller's first)"
    )
    title_zh_hans: str = Field(..., min_length=1, max_length=200)
    title_en: str = Field("", max_length=200)
    pitch_zh_hans: str = Field("", max_length=20000)
    pitch_en: str = Field("", max_length=20000)
    category: str = Field(..., max_length=40, description="A project category's code")
    industry_class: str = Field("", max_length=4)
    region: str = Field("", max_length=6, description="GB/T 2260 code; default: the owner's")
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    currency: str = Field("", max_length=3, description="ISO 4217; required with an amount")
    investment_type: choices_named("InvestmentType", Project.InvestmentType) | None = None  # type: ignore[valid-type]
    stage: choices_named("ProjectStage", Project.Stage) | None = None  # type: ignore[valid-type]


class MoveIn(Schema):
    target: str = Field(..., max_length=16, description="The status or stage to move to")
    note: str = Field("", max_length=500)


class ProfileOut(Schema):
    id: int
    investor_id: int
    name: str
    country: str
    categories: list[str]
    classes: list[str]
    regions: list[str]
    stages: list[str]
    ticket_min: Decimal | None
    ticket_max: Decimal | None
    currency: str | None
    languages: list[str]
    interest_statement: str

    @staticmethod
    def resolve_name(obj: InvestorProfile) -> str:
        return str(obj.investor)

    @staticmethod
    def resolve_country(obj: InvestorProfile) -> str:
        return obj.investor.country

    @staticmethod
    def resolve_categories(obj: InvestorProfile) -> list[str]:
        return [c.code for c in obj.categories.all()]

    @staticmethod
    def resolve_classes(obj: InvestorProfile) -> list[str]:
        return [c.code for c in obj.classes.all()]

    @staticmethod
    def resolve_regions(obj: InvestorProfile) -> list[str]:
        return [r.code for r in obj.regions.all()]

    @staticmethod
    def resolve_currency(obj: InvestorProfile) -> str | None:
        return obj.currency_id


class MatchOut(Schema):
    project_id: int
    project: str
    investor_profile_id: int
    investor: str
    score: float
    fit: float
    similarity: float
    investor_rank: int | None
    project_rank: int | None
    why: str = Field(description="The reasons, in the language of Accept-Language")

    @staticmethod
    def resolve_project(obj) -> str:
        return str(obj.project)

    @staticmethod
    def resolve_investor_profile_id(obj) -> int:
        return obj.profile_id

    @staticmethod
    def resolve_investor(obj) -> str:
        return str(obj.profile.investor)

    @staticmethod
    def resolve_why(obj) -> str:
        return explain(obj.reasons)


class FeedbackIn(Schema):
    project_id: int = Field(..., ge=1, le=MAX_ID)
    interested: bool


class FeedbackOut(Schema):
    project_id: int
    interested: bool


class LeadOut(Schema):
    id: int
    project_id: int
    investor_id: int
    stage: str
    stage_label: str
    expected_signing_on: datetime.date | None
    expected_value: Decimal | None
    currency: str | None
    region: str
    source_event_id: int | None

    @staticmethod
    def resolve_stage_label(obj: Lead) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_currency(obj: Lead) -> str | None:
        return obj.currency_id

    @staticmethod
    def resolve_region(obj: Lead) -> str:
        return obj.region_id


class LeadQuery(PageQuery):
    stage: LeadStage | None = None  # type: ignore[valid-type]


class AgreementOut(Schema):
    id: int
    title: str
    project_id: int
    parties: list[str]
    value: Decimal | None
    currency: str | None
    signed_on: datetime.date
    event_id: int | None = Field(description="The event where it was signed")

    @staticmethod
    def resolve_currency(obj) -> str | None:
        return obj.currency_id
