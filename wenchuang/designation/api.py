"""Designations and assessments in the JSON API: the public register; assessors fill and submit."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Header, Path, Query, Schema

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.transitions import version_of
from wenchuang.directory.api.schemas import MAX_ID, choices_named
from wenchuang.directory.models import Park

from . import selectors, services
from .models import Designation, FieldAssessment

router = DomainRouter()
DesignationStatus = choices_named("DesignationStatus", Designation.Status)
AssessmentStatus = choices_named("AssessmentStatus", FieldAssessment.Status)


class ParkRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class DesignationOut(Schema):
    id: int
    park: ParkRef
    region: str = Field(description="GB/T 2260 code of the park's region")
    certificate_number: str
    valid_from: datetime.date
    valid_until: datetime.date
    status: str
    status_label: str
    version: str

    @staticmethod
    def resolve_region(obj: Designation) -> str:
        return obj.region_id

    @staticmethod
    def resolve_status_label(obj: Designation) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_version(obj: Designation) -> str:
        return version_of(obj)


class DesignationQuery(PageQuery):
    status: DesignationStatus | None = None  # type: ignore[valid-type]
    province: str = Field("", pattern=r"^(\d{6})?$", description="A province's GB/T 2260 code")
    prefecture: str = Field("", pattern=r"^(\d{6})?$", description="A city's GB/T 2260 code")


@router.listing(
    "/designations",
    DesignationOut,
    operation_id="designation_list",
    url_name="designation-list",
    tags=["designations"],
    summary="The register of designated cluster areas",
    cached_by=(Designation, Park),
)
def designation_list(request: HttpRequest, query: Query[DesignationQuery]):
    return selectors.register(
        status=query.status.value if query.status else "",
        province=query.province,
        prefecture=query.prefecture,
    )


@router.read(
    "/designations/{id}",
    DesignationOut,
    operation_id="designation_detail",
    url_name="designation-detail",
    tags=["designations"],
    summary="One designated area",
)
def designation_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_designation(id)


class AssessmentOut(Schema):
    id: int
    purpose: str
    park: ParkRef
    assessor: ParkRef = Field(description="The entrusted institution")
    indicator_set: str
    designation_id: int | None
    year: int | None
    status: str
    status_label: str
    values: dict[str, Any]
    score: Decimal | None
    outcome: str
    version: str

    @staticmethod
    def resolve_indicator_set(obj: FieldAssessment) -> str:
        return obj.indicator_set.code

    @staticmethod
    def resolve_status_label(obj: FieldAssessment) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_version(obj: FieldAssessment) -> str:
        return version_of(obj)


class AssessmentQuery(PageQuery):
    status: AssessmentStatus | None = None  # type: ignore[valid-type]


class AssessmentIn(Schema):
    values: dict[str, Any] = Field(
        default_factory=dict, description="Indicator key → number, or level index (0 = lowest)"
    )
    report: str | None = Field(None, max_length=20000, description="The assessors' findings")


IF_MATCH = Header(
    None, alias="If-Match", description="The `version` read; 409 if the assessment changed since."
)


def _version(if_match: str | None) -> str | None:
    return if_match.strip().removeprefix("W/").strip('"') if if_match else None


@router.listing(
    "/assessments",
    AssessmentOut,
    operation_id="assessment_list",
    url_name="assessment-list",
    tags=["assessments"],
    summary="Assessments entrusted to the caller's institution, or of the caller's jurisdiction",
)
def assessment_list(request: HttpRequest, query: Query[AssessmentQuery]):
    rows = selectors.assessments_for(request.auth)
    return rows.filter(status=query.status.value) if query.status else rows


@router.read(
    "/assessments/{id}",
    AssessmentOut,
    operation_id="assessment_detail",
    url_name="assessment-detail",
    tags=["assessments"],
    summary="One assessment",
)
def assessment_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_assessment_for_view(request.auth, id)


@router.write(
    "PATCH",
    "/assessments/{id}",
    {200: AssessmentOut},
    operation_id="assessment_update",
    tags=["assessments"],
    summary="Save an assessment's draft values (the entrusted institution's assessors)",
)
def assessment_update(
    request: HttpRequest,
    payload: AssessmentIn,
    id: int = Path(..., ge=1, le=MAX_ID),
    if_match: str | None = IF_MATCH,
):
    assessment = selectors.get_assessment_for_view(request.auth, id)
    return services.assessment_save(
        assessment=assessment,
        by=request.auth,
        values=payload.values,
        report=payload.report,
        version=_version(if_match),
    )


@router.write(
    "POST",
    "/assessments/{id}/submit",
    {200: AssessmentOut},
    operation_id="assessment_submit",
    tags=["assessments"],
    summary="Submit an assessment with every indicator's value",
    description="The values sent (if any) replace the draft's; every indicator needs one.",
)
def assessment_submit(
    request: HttpRequest,
    payload: AssessmentIn,
    id: int = Path(..., ge=1, le=MAX_ID),
    if_match: str | None = IF_MATCH,
):
    assessment = selectors.get_assessment_for_view(request.auth, id)
    services.assessment_submit(
        assessment=assessment,
        by=request.auth,
        values=payload.values or None,
        report=payload.report,
        version=_version(if_match),
    )
    return selectors.get_assessment_for_view(request.auth, id)
