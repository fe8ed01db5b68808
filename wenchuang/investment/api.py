"""Investment promotion in the JSON API: projects, investors' interests, matches, the pipeline.

Each route answers what the pages show, with the same permissions: public projects and
profiles for everybody, matches for the investor's or project's own people and staff, leads
and the report for centre staff over their jurisdiction.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.permissions import require
from wenchuang.core.transitions import version_of
from wenchuang.directory.api.schemas import MAX_ID, choices_named

from . import permissions, selectors, services
from .matching.explain import explain
from .models import InvestorProfile, Lead, Project

router = DomainRouter()
TAGS = ["investment"]
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


@router.listing(
    "/investment/projects",
    ProjectOut,
    operation_id="investment_project_list",
    tags=TAGS,
    summary="Published projects (and the caller's own and jurisdiction's)",
)
def project_list(request: HttpRequest, query: Query[ProjectQuery]):
    return selectors.projects_for(
        request.auth,
        q=query.q,
        category=query.category,
        province=query.province,
        status=query.status.value if query.status else "",
    )


@router.read(
    "/investment/projects/{id}",
    ProjectOut,
    operation_id="investment_project_detail",
    tags=TAGS,
    summary="One project",
)
def project_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_project_for_view(request.auth, id)


@router.write(
    "POST",
    "/investment/projects",
    {201: ProjectOut},
    operation_id="investment_project_create",
    tags=TAGS,
    summary="A draft project of the caller's enterprise or park operator",
)
def project_create(request: HttpRequest, payload: ProjectIn):
    from wenchuang.accounts import roles
    from wenchuang.accounts.models import Organisation

    require(permissions.can_create_project(request.auth))
    ids = set().union(*(roles.organisations(request.auth, r) for r in permissions.OWNER_ROLES))
    owners = Organisation.objects.filter(pk__in=sorted(ids)).order_by("id")
    owner = owners.filter(pk=payload.owner).first() if payload.owner else owners.first()
    if owner is None:
        raise PermissionDenied(_("You do not speak for this organisation."))
    data = {k: v for k, v in payload.model_dump().items() if v not in ("", None) and k != "owner"}
    for name in ("investment_type", "stage"):
        if name in data:
            data[name] = getattr(data[name], "value", data[name])
    if "amount" in payload.model_fields_set or payload.amount is not None:
        data["amount"], data["currency"] = payload.amount, payload.currency
    project = services.project_create(by=request.auth, owner=owner, data=data)
    return Status(201, selectors.get_project(project.pk))


@router.write(
    "POST",
    "/investment/projects/{id}/move",
    {200: ProjectOut},
    operation_id="investment_project_move",
    tags=TAGS,
    summary="Submit, approve, send back, move on or withdraw a project",
)
def project_move(request: HttpRequest, payload: MoveIn, id: int = Path(..., ge=1, le=MAX_ID)):
    project = selectors.get_project_for_view(request.auth, id)
    services.project_move(
        project=project, target=payload.target, by=request.auth, note=payload.note
    )
    return selectors.get_project(id)


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


@router.listing(
    "/investment/investors",
    ProfileOut,
    operation_id="investment_investor_list",
    tags=TAGS,
    summary="Investors' stated interests",
)
def investor_list(request: HttpRequest, query: Query[PageQuery]):
    return selectors.profiles().prefetch_related("classes", "regions")


@router.read(
    "/investment/investors/{id}",
    ProfileOut,
    operation_id="investment_investor_detail",
    tags=TAGS,
    summary="One investor's interests",
)
def investor_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_profile(id)


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


@router.listing(
    "/investment/investors/{id}/matches",
    MatchOut,
    operation_id="investment_investor_matches",
    tags=TAGS,
    summary="An investor's best projects (its representatives and staff)",
)
def investor_matches(
    request: HttpRequest, query: Query[PageQuery], id: int = Path(..., ge=1, le=MAX_ID)
):
    return selectors.matches_for_profile(request.auth, selectors.get_profile(id))


@router.listing(
    "/investment/projects/{id}/matches",
    MatchOut,
    operation_id="investment_project_matches",
    tags=TAGS,
    summary="A project's best investors (its owner and staff)",
)
def project_matches(
    request: HttpRequest, query: Query[PageQuery], id: int = Path(..., ge=1, le=MAX_ID)
):
    project = selectors.get_project_for_view(request.auth, id)
    return selectors.matches_for_project(request.auth, project)


class FeedbackIn(Schema):
    project_id: int = Field(..., ge=1, le=MAX_ID)
    interested: bool


class FeedbackOut(Schema):
    project_id: int
    interested: bool


@router.write(
    "POST",
    "/investment/investors/{id}/feedback",
    {200: FeedbackOut},
    operation_id="investment_investor_feedback",
    tags=TAGS,
    summary="Interested / not interested in a project: later runs follow it",
)
def investor_feedback(
    request: HttpRequest, payload: FeedbackIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    profile = selectors.get_profile(id)
    project = selectors.get_project(payload.project_id)
    return services.feedback_give(
        profile=profile, project=project, interested=payload.interested, by=request.auth
    )


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


@router.listing(
    "/investment/leads",
    LeadOut,
    operation_id="investment_lead_list",
    tags=TAGS,
    summary="The pipeline of the caller's jurisdiction (centre staff)",
)
def lead_list(request: HttpRequest, query: Query[LeadQuery]):
    require(permissions.can_manage_leads(request.auth))
    return selectors.leads_for(request.auth, stage=query.stage.value if query.stage else "")


@router.read(
    "/investment/leads/{id}",
    LeadOut,
    operation_id="investment_lead_detail",
    tags=TAGS,
    summary="One lead",
)
def lead_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_lead_for_staff(request.auth, id)


@router.write(
    "POST",
    "/investment/leads/{id}/move",
    {200: LeadOut},
    operation_id="investment_lead_move",
    tags=TAGS,
    summary="Move a lead to its next stage, or to lost",
)
def lead_move(request: HttpRequest, payload: MoveIn, id: int = Path(..., ge=1, le=MAX_ID)):
    lead = selectors.get_lead_for_staff(request.auth, id)
    return services.lead_move(lead=lead, target=payload.target, by=request.auth, note=payload.note)


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


@router.listing(
    "/investment/agreements",
    AgreementOut,
    operation_id="investment_agreement_list",
    tags=TAGS,
    summary="Signed agreements (public)",
)
def agreement_list(request: HttpRequest, query: Query[PageQuery]):
    return selectors.agreements()


@router.read(
    "/investment/agreements/{id}",
    AgreementOut,
    operation_id="investment_agreement_detail",
    tags=TAGS,
    summary="One agreement",
)
def agreement_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_agreement(id)
