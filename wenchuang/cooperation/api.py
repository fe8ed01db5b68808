"""Park pairing in the JSON API: batches and public pairs for all; decisions, reports for some."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Header, Path, Query, Schema, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.transitions import version_of
from wenchuang.directory.api.schemas import MAX_ID, choices_named

from . import reasons, selectors, services
from .models import OutcomeReport, Pairing, PairingBatch

router = DomainRouter()
BatchStatus = choices_named("PairingBatchStatus", PairingBatch.Status)
PairingStatus = choices_named("PairingStatus", Pairing.Status)
TAGS = ["cooperation"]


class PairingBatchOut(Schema):
    id: int
    code: str
    title: str
    year: int
    jurisdiction: str = Field(description="GB/T 2260 code of the organising agency's region")
    status: str
    status_label: str

    @staticmethod
    def resolve_title(obj: PairingBatch) -> str:
        return str(obj)

    @staticmethod
    def resolve_jurisdiction(obj: PairingBatch) -> str:
        return obj.region_id

    @staticmethod
    def resolve_status_label(obj: PairingBatch) -> str:
        return str(obj.get_status_display())


class PairedParkOut(Schema):
    id: int
    name: str
    region: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region_id


class PairingOut(Schema):
    id: int
    batch_id: int
    carrying_park: PairedParkOut
    partner_park: PairedParkOut
    status: str
    status_label: str
    score: Decimal
    reasons: str = Field(description="Why the pair was suggested, in the reader's language")
    agreement_title: str
    signed_on: datetime.date | None
    version: str

    @staticmethod
    def resolve_status_label(obj: Pairing) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_reasons(obj: Pairing) -> str:
        return reasons.explain(obj.reasons)

    @staticmethod
    def resolve_version(obj: Pairing) -> str:
        return version_of(obj)


class PairingQuery(PageQuery):
    batch: int | None = Field(None, ge=1, le=MAX_ID)
    status: PairingStatus | None = None  # type: ignore[valid-type]


class OutcomeReportOut(Schema):
    id: int
    year: int
    half: int
    enterprises_relocated: int
    joint_projects: int
    visitors: int
    revenue: Decimal
    currency: str
    activities: str

    @staticmethod
    def resolve_currency(obj: OutcomeReport) -> str:
        return obj.currency_id


class OutcomeReportIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    half: int = Field(..., ge=1, le=2)
    enterprises_relocated: int = Field(0, ge=0, le=10_000_000)
    joint_projects: int = Field(0, ge=0, le=10_000_000)
    visitors: int = Field(0, ge=0, le=10_000_000)
    revenue: Decimal = Field(Decimal(0), ge=0, max_digits=16, decimal_places=2)
    currency: str = Field("CNY", pattern=r"^[A-Za-z]{3}$")
    activities: str = Field("", max_length=5000)


class PairingMoveIn(Schema):
    target: PairingStatus = Field(description="confirmed, declined, suggested or ended")  # type: ignore[valid-type]
    note: str = Field("", max_length=500)


IF_MATCH = Header(
    None, alias="If-Match", description="The `version` read; 409 if it changed since."
)


def _version(if_match: str | None) -> str | None:
    return if_match.strip().removeprefix("W/").strip('"') if if_match else None


@router.listing(
    "/cooperation/batches",
    PairingBatchOut,
    operation_id="pairing_batch_list",
    url_name="pairing-batch-list",
    tags=TAGS,
    summary="Pairing batches of the Carrying Plan",
    cached_by=(PairingBatch,),
)
def batch_list(request: HttpRequest, query: Query[PageQuery]):
    return selectors.batches().order_by("-year", "-id")


@router.read(
    "/cooperation/batches/{id}",
    PairingBatchOut,
    operation_id="pairing_batch_detail",
    url_name="pairing-batch-detail",
    tags=TAGS,
    summary="One pairing batch",
)
def batch_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_batch(id)


@router.listing(
    "/cooperation/pairings",
    PairingOut,
    operation_id="pairing_list",
    url_name="pairing-list",
    tags=TAGS,
    summary="Park pairs: confirmed ones for everyone, suggestions for the staff who run them",
)
def pairing_list(request: HttpRequest, query: Query[PairingQuery]):
    batch = selectors.get_batch(query.batch) if query.batch else None
    status = query.status.value if query.status else ""
    return selectors.pairings_for(request.auth, batch, status=status)


@router.read(
    "/cooperation/pairings/{id}",
    PairingOut,
    operation_id="pairing_detail",
    url_name="pairing-detail",
    tags=TAGS,
    summary="One park pair",
)
def pairing_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_pairing_for_view(request.auth, id)


@router.write(
    "POST",
    "/cooperation/pairings/{id}/status",
    {200: PairingOut},
    operation_id="pairing_move",
    tags=TAGS,
    summary="Confirm, decline, reconsider or end a pair (the batch's staff)",
)
def pairing_move(
    request: HttpRequest,
    payload: PairingMoveIn,
    id: int = Path(..., ge=1, le=MAX_ID),
    if_match: str | None = IF_MATCH,
):
    pairing = selectors.get_pairing_for_view(request.auth, id)
    version, target = _version(if_match), payload.target.value
    if target == "confirmed":
        services.pairing_confirm(pairing=pairing, by=request.auth, version=version)
    elif target == "declined":
        services.pairing_decline(
            pairing=pairing, by=request.auth, note=payload.note, version=version
        )
    elif target == "suggested":
        services.pairing_reconsider(pairing=pairing, by=request.auth)
    else:
        services.pairing_end(pairing=pairing, by=request.auth, note=payload.note)
    return selectors.get_pairing_for_view(request.auth, id)


@router.read(
    "/cooperation/pairings/{id}/reports",
    list[OutcomeReportOut],
    operation_id="pairing_report_list",
    url_name="pairing-report-list",
    tags=TAGS,
    summary="A pair's outcome reports, oldest first",
)
def report_list(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return list(selectors.reports_of(selectors.get_pairing_for_view(request.auth, id)))


@router.write(
    "POST",
    "/cooperation/pairings/{id}/reports",
    {201: OutcomeReportOut},
    operation_id="pairing_report_create",
    tags=TAGS,
    summary="Report a half-year's outcomes (either park's managers, or staff over them)",
)
def report_create(
    request: HttpRequest, payload: OutcomeReportIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    pairing = selectors.get_pairing_for_view(request.auth, id)
    report = services.outcome_report_submit(
        pairing=pairing,
        by=request.auth,
        year=payload.year,
        half=payload.half,
        figures=payload.dict(include=set(services.REPORT_FIGURES)),
        currency=payload.currency,
        activities=payload.activities,
    )
    return Status(201, report)
