"""Infringement report pages: filing from a listing, the report with the seller's answer and
the staff decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.audit import history_for

from .. import permissions, selectors, services
from ..forms import ReportAnswerForm, ReportDecisionForm, ReportForm


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_POST
@login_required
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    form = ReportForm(request.POST, works=selectors.works_held_by(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(listing)
    try:
        report = services.report_file(
            listing=listing,
            work=form.cleaned_data["work"],
            by=request.user,
            statement=form.cleaned_data["statement"],
        )
    except ValidationError as error:
        _error(request, error)
        return redirect(listing)
    messages.success(request, _("Your report is filed; the listing is hidden until staff decide."))
    return redirect(report)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_for_viewer(request.user, pk)
    user = request.user
    return render(
        request,
        "market/report_detail.html",
        {
            "report": report,
            "can_answer": permissions.can_answer_report(user, report)
            and report.status in ("pending", "answered"),
            "can_decide": permissions.can_decide_report(user, report)
            and report.status in ("pending", "answered"),
            "answer_form": ReportAnswerForm(initial={"answer": report.answer}),
            "decision_form": ReportDecisionForm(),
            "matches": [
                m for m in selectors.matches_of(report.listing) if m.work_id == report.work_id
            ],
            "history": history_for(report)[:20],
        },
    )


@require_POST
@login_required
def report_action(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_for_viewer(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "answer":
            services.report_answer(
                report=report, by=request.user, answer=request.POST.get("answer", "")
            )
        elif action in ("uphold", "dismiss"):
            services.report_decide(
                report=report,
                by=request.user,
                uphold=action == "uphold",
                note=request.POST.get("note", ""),
            )
        else:
            messages.error(request, _("Unknown action."))
            return redirect(report)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Done: %(status)s.") % {"status": report.get_status_display()})
    return redirect(report)
