"""Awards and reports on the use of funds in the JSON API: recipients send reports and their
attachments; centre staff accept or reject them. The same permissions as the pages."""

import datetime
from decimal import Decimal

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Query, Schema, Status
from ninja.files import UploadedFile

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.transitions import version_of

from . import selectors, services
from .models import Award, UseReport

router = DomainRouter()
MAX_ID = 2**63 - 1
TAGS = ["funding"]


def _named(name: str, choices) -> type[models.TextChoices]:
    return models.TextChoices(name, [(m.name, (m.value, m.label)) for m in choices])


AwardStatus = _named("AwardStatus", Award.Status)
ReportStatus = _named("UseReportStatus", UseReport.Status)
ReportKind = _named("UseReportKind", UseReport.Kind)
ConsequenceChoice = models.TextChoices(
    "RejectionConsequence", [(c.upper(), c) for c in services.Consequence.ALL]
)


class TrancheOut(Schema):
    position: int
    milestone: str
    amount: Decimal
    due_on: datetime.date
    needs_report: bool
    paid_on: datetime.date | None


class AwardOut(Schema):
    id: int
    project: str
    recipient_id: int
    recipient: str
    amount: Decimal
    currency: str
    status: str
    status_label: str
    agreement_signed_on: datetime.date | None
    final_report_due_on: datetime.date
    region: str
    version: str

    @staticmethod
    def resolve_recipient(obj: Award) -> str:
        return str(obj.recipient)

    @staticmethod
    def resolve_currency(obj: Award) -> str:
        return obj.currency_id

    @staticmethod
    def resolve_region(obj: Award) -> str:
        return obj.region_id

    @staticmethod
    def resolve_status_label(obj: Award) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_version(obj: Award) -> str:
        return version_of(obj)


class AwardDetailOut(AwardOut):
    tranches: list[TrancheOut]

    @staticmethod
    def resolve_tranches(obj: Award) -> list:
        return list(selectors.tranches_of(obj))


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.original_name


class ReportOut(Schema):
    id: int
    award_id: int
    kind: str
    milestone: str | None
    due_on: datetime.date
    status: str
    status_label: str
    summary: str
    amount_spent: Decimal | None
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    decision_note: str
    attachments: list[AttachmentOut]
    version: str

    @staticmethod
    def resolve_milestone(obj: UseReport) -> str | None:
        return obj.tranche.milestone if obj.tranche_id else None

    @staticmethod
    def resolve_status_label(obj: UseReport) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_attachments(obj: UseReport) -> list:
        from wenchuang.core.files import files_of

        return list(files_of(obj))

    @staticmethod
    def resolve_version(obj: UseReport) -> str:
        return version_of(obj)


class AwardQuery(PageQuery):
    overdue: bool = Field(False, description="Only awards with a report past its due date.")
    status: AwardStatus | None = None


class ReportQuery(PageQuery):
    award: int | None = Field(None, ge=1, le=MAX_ID, description="One award's reports")
    status: ReportStatus | None = None


class Versioned(Schema):
    version: str | None = Field(
        None, description="The `version` read with the report; an older one is refused (409)."
    )


class ReportIn(Versioned):
    summary: str = Field(..., min_length=1, max_length=10000)
    amount_spent: Decimal = Field(..., ge=0, max_digits=16, decimal_places=2)


class AcceptIn(Versioned):
    note: str = Field("", max_length=500)


class RejectIn(Versioned):
    note: str = Field(..., min_length=1, max_length=500)
    consequence: ConsequenceChoice = Field(
        ConsequenceChoice("resubmit"),
        description="resubmit (progress reports only), repayment or stop.",
    )


def _version(request: HttpRequest, payload: Versioned) -> str | None:
    return payload.version or request.headers.get("If-Match", "").strip('"') or None


@router.listing("/awards", AwardOut, tags=TAGS, operation_id="award_list", summary="Awards")
def award_list(request: HttpRequest, query: Query[AwardQuery]):
    awards = selectors.awards_for(request.auth, overdue=query.overdue)
    return awards.filter(status=query.status) if query.status else awards


@router.read("/awards/{id}", AwardDetailOut, tags=TAGS, operation_id="award_detail")
def award_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_award_for_viewer(request.auth, id)


@router.listing(
    "/use-reports",
    ReportOut,
    tags=TAGS,
    operation_id="use_report_list",
    summary="Reports on the use of funds",
)
def report_list(request: HttpRequest, query: Query[ReportQuery]):
    reports = selectors.reports_for(request.auth)
    if query.award:
        reports = reports.filter(award_id=query.award)
    return reports.filter(status=query.status) if query.status else reports


@router.read("/use-reports/{id}", ReportOut, tags=TAGS, operation_id="use_report_detail")
def report_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_report_for_viewer(request.auth, id)


@router.write(
    "POST",
    "/use-reports/{id}/submit",
    {200: ReportOut},
    tags=TAGS,
    operation_id="use_report_submit",
    summary="Send a report (the recipient)",
)
def report_submit(request: HttpRequest, payload: ReportIn, id: int = Path(..., ge=1, le=MAX_ID)):
    report = selectors.get_report_for_viewer(request.auth, id)
    return services.report_submit(
        report=report,
        by=request.auth,
        summary=payload.summary,
        amount_spent=payload.amount_spent,
        version=_version(request, payload),
    )


@router.write(
    "POST",
    "/use-reports/{id}/attachments",
    {201: AttachmentOut},
    tags=TAGS,
    operation_id="use_report_attach",
    summary="Attach a file to a report not yet sent (multipart, field `file`)",
)
def report_attach(
    request: HttpRequest, file: File[UploadedFile], id: int = Path(..., ge=1, le=MAX_ID)
):
    report = selectors.get_report_for_viewer(request.auth, id)
    return Status(201, services.report_attach(report=report, by=request.auth, upload=file))


@router.write(
    "POST",
    "/use-reports/{id}/accept",
    {200: ReportOut},
    tags=TAGS,
    operation_id="use_report_accept",
    summary="Accept a submitted report (centre staff)",
)
def report_accept(request: HttpRequest, payload: AcceptIn, id: int = Path(..., ge=1, le=MAX_ID)):
    report = selectors.get_report_for_viewer(request.auth, id)
    return services.report_accept(
        report=report, by=request.auth, note=payload.note, version=_version(request, payload)
    )


@router.write(
    "POST",
    "/use-reports/{id}/reject",
    {200: ReportOut},
    tags=TAGS,
    operation_id="use_report_reject",
    summary="Reject a submitted report (centre staff)",
)
def report_reject(request: HttpRequest, payload: RejectIn, id: int = Path(..., ge=1, le=MAX_ID)):
    report = selectors.get_report_for_viewer(request.auth, id)
    return services.report_reject(
        report=report,
        by=request.auth,
        note=payload.note,
        consequence=payload.consequence.value,
        version=_version(request, payload),
    )


class DecisionsIn(Schema):
    applications: list[int] = Field(
        ..., max_length=500, description="Ids of applications awaiting a decision, in order."
    )
    approve: bool
    amounts: dict[int, Decimal] = Field(
        default_factory=dict,
        description="Amounts granted below the amount requested, by application id.",
    )
    note: str = Field("", max_length=500)


class DecisionOut(Schema):
    application: int
    decided: bool
    stage: str
    message: str


class DecisionsOut(Schema):
    results: list[DecisionOut]


@router.write(
    "POST",
    "/fund-decisions",
    {200: DecisionsOut},
    tags=TAGS,
    operation_id="fund_decisions",
    summary="Approve or reject fund applications (centre staff), each within the budget left",
    description="Each application is decided on its own: one that cannot be (moved meanwhile, "
    "over the budget, outside the decider's region) is answered with its reason while the "
    "others are decided.",
)
def fund_decisions(request: HttpRequest, payload: DecisionsIn):
    from wenchuang.core.money import Money
    from wenchuang.workflows.models import Application

    from . import decisions

    found = {
        a.pk: a
        for a in Application.objects.filter(
            pk__in=payload.applications, call__programme__kind="fund"
        ).select_related("call")
    }
    chosen = [found[pk] for pk in dict.fromkeys(payload.applications) if pk in found]
    amounts = {
        pk: Money(amount, found[pk].call.budget_currency_id)
        for pk, amount in payload.amounts.items()
        if pk in found
    }
    outcomes = decisions.decide_batch(
        applications=chosen,
        by=request.auth,
        approve=payload.approve,
        amounts=amounts,
        note=payload.note,
    )
    missing = [pk for pk in payload.applications if pk not in found]
    return {
        "results": [
            {
                "application": o.application.pk,
                "decided": o.decided,
                "stage": o.application.stage,
                "message": o.message,
            }
            for o in outcomes
        ]
        + [
            {
                "application": pk,
                "decided": False,
                "stage": "",
                "message": _("No fund application has this id."),
            }
            for pk in missing
        ]
    }
