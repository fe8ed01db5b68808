"""Infringement reports in the marketplace API: filed by the rights holder, answered by the
seller, decided by staff."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Status

from .. import selectors, services
from . import router
from .schemas import (
    MAX_ID,
    InfringementAnswerIn,
    InfringementDecideIn,
    InfringementReportIn,
    InfringementReportOut,
)

TAGS = ["market"]


@router.write(
    "POST",
    "/market/listings/{id}/infringement-reports",
    {201: InfringementReportOut},
    tags=TAGS,
    operation_id="market_report_file",
    summary="Report that a listing copies your registered work (the rights holder); "
    "the listing is hidden until staff decide",
)
def report_file(
    request: HttpRequest, payload: InfringementReportIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    listing = selectors.get_listing_for_viewer(request.auth, id)
    work = selectors.works_held_by(request.auth).filter(pk=payload.work).first()
    if work is None:
        raise PermissionDenied(
            _("Only the holder of the registered work reports an infringement of it.")
        )
    report = services.report_file(
        listing=listing, work=work, by=request.auth, statement=payload.statement
    )
    return Status(201, report)


@router.read(
    "/market/infringement-reports/{id}",
    InfringementReportOut,
    tags=TAGS,
    operation_id="market_report_detail",
)
def report_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_report_for_viewer(request.auth, id)


@router.write(
    "POST",
    "/market/infringement-reports/{id}/answer",
    {200: InfringementReportOut},
    tags=TAGS,
    operation_id="market_report_answer",
    summary="Answer an infringement report (the seller)",
)
def report_answer(
    request: HttpRequest, payload: InfringementAnswerIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    report = selectors.get_report_for_viewer(request.auth, id)
    return services.report_answer(report=report, by=request.auth, answer=payload.answer)


@router.write(
    "POST",
    "/market/infringement-reports/{id}/decide",
    {200: InfringementReportOut},
    tags=TAGS,
    operation_id="market_report_decide",
    summary="Uphold (withdraw the listing) or dismiss (restore it) a report (centre staff)",
)
def report_decide(
    request: HttpRequest, payload: InfringementDecideIn, id: int = Path(..., ge=1, le=MAX_ID)
):
    report = selectors.get_report_for_viewer(request.auth, id)
    return services.report_decide(
        report=report, by=request.auth, uphold=payload.uphold, note=payload.note
    )
