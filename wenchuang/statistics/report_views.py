"""Staff pages: quarterly reports (queued, built in the background, downloaded) and releases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.accounts import roles
from wenchuang.core.documents import pdf_response

from .models import Period, QuarterlyReport
from .publishing import period_release
from .report_tasks import report_request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_staff(user) -> None:
    if not roles.staff_regions(user):
        raise PermissionDenied(_("Only agency staff make quarterly reports."))


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The reports made so far, and a button to make one for a quarter."""
    _require_staff(request.user)
    if request.method == "POST":
        period = get_object_or_404(Period, pk=request.POST.get("period") or 0)
        report = report_request(period=period, by=request.user)
        return redirect("statistics:quarterly-report", report.pk)
    return render(
        request,
        "statistics/quarterly_reports.html",
        {
            "reports": QuarterlyReport.objects.select_related("period").defer("pdf", "xlsx")[:20],
            "periods": Period.objects.order_by("-year", "-quarter")[:12],
        },
    )


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's progress; the page asks again every second until it is ready (htmx)."""
    _require_staff(request.user)
    report = get_object_or_404(QuarterlyReport.objects.defer("pdf", "xlsx"), pk=pk)
    template = (
        "statistics/_quarterly_report_status.html"
        if request.headers.get("HX-Request")
        else ("statistics/quarterly_report.html")
    )
    return render(request, template, {"report": report})


def _finished(request: HttpRequest, pk: int) -> QuarterlyReport:
    _require_staff(request.user)
    return get_object_or_404(QuarterlyReport, pk=pk, status=QuarterlyReport.Status.DONE)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _finished(request, pk)
    return pdf_response(bytes(report.pdf), f"quarterly-report-{report.period.label}.pdf")


@login_required
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _finished(request, pk)
    response = HttpResponse(bytes(report.xlsx), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="quarterly-report-{report.period.label}.xlsx"'
    )
    return response


@require_POST
@login_required
def release(request: HttpRequest, pk: int) -> HttpResponse:
    """Release a locked quarter (once, however many staff press at the same time)."""
    period = get_object_or_404(Period, pk=pk)
    try:
        period_release(period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(period)s is released.") % {"period": period.label})
    return redirect("statistics:quarterly-reports")
