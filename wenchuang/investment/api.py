"""Investment promotion in the JSON API: projects, investors' interests, matches, the pipeline.

Each route answers what the pages show, with the same permissions: public projects and
profiles for everybody, matches for the investor's or project's own people and staff, leads
and the report for centre staff over their jurisdiction.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.permissions import require
from wenchuang.directory.api.schemas import MAX_ID

from . import permissions, selectors, services
from .api_schemas import (
    AgreementOut,
    FeedbackIn,
    FeedbackOut,
    LeadOut,
    LeadQuery,
    MatchOut,
    MoveIn,
    ProfileOut,
    ProjectIn,
    ProjectOut,
    ProjectQuery,
)

router = DomainRouter()
TAGS = ["investment"]


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
