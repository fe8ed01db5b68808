"""Award pages: the list (staff: their jurisdiction, with overdue filter and chart; recipients:
their own), an award's page with tranches and reports, and the forms posted from it."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.audit import history_for
from wenchuang.core.charts import Chart
from wenchuang.core.files import files_of
from wenchuang.core.regions import jurisdiction_of
from wenchuang.core.transitions import version_of

from .. import permissions, selectors, services
from ..forms import AwardActionForm, DayForm, ReportDecisionForm, ReportForm, TrancheFormSet
from ..models import Tranche, UseReport
from ..workflows import AWARD


def _paid_chart(user) -> Chart:
    cents = Decimal("0.01")
    rows = [
        [f"{year} ({currency})", awarded.quantize(cents), paid.quantize(cents)]
        for year, currency, awarded, paid in selectors.paid_and_awarded_by_year(user)
    ]
    return Chart(
        id="awards-paid",
        title=_("Paid and awarded, by year of award"),
        columns=[_("Year"), _("Awarded"), _("Paid")],
        rows=rows,
        kind="bar",
    )


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    overdue = request.GET.get("overdue") == "1"
    awards = selectors.awards_for(request.user, overdue=overdue)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    staff = jurisdiction_of(request.user) is not None
    return render(
        request,
        "funding/award_list.html",
        {
            "page": page,
            "overdue": overdue,
            "chart": _paid_chart(request.user) if staff else None,
            "calls": selectors.fund_calls_to_decide(request.user) if staff else [],
            "staff": staff,
        },
    )


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.get_award_for_viewer(request.user, pk)
    user = request.user
    reports = list(selectors.reports_of(award))
    for report in reports:
        report.attachments = list(files_of(report))
        report.can_submit = permissions.can_submit_report(user, report)
        report.can_decide = permissions.can_decide_report(user, report)
        report.version = version_of(report)
    tranches = list(selectors.tranches_of(award))
    for tranche in tranches:
        tranche.award = award
        tranche.can_pay = permissions.can_pay(user, tranche)
    manages = bool(permissions.can_manage_award(user, award))
    return render(
        request,
        "funding/award_detail.html",
        {
            "award": award,
            "tranches": tranches,
            "reports": reports,
            "paid": sum((t.amount for t in tranches if t.paid_on), award.amount * 0),
            "manages": manages,
            "moves": [m.target for m in AWARD.allowed_moves(user, award)] if manages else [],
            "version": version_of(award),
            "report_form": ReportForm(),
            "decision_form": ReportDecisionForm(),
            "history": history_for(award)[:30] if manages else [],
            "plan": _plan_formset(tranches) if manages and award.status == "agreement" else None,
        },
    )


def _plan_formset(tranches) -> TrancheFormSet:
    rows = [
        {
            "milestone": t.milestone,
            "amount": t.amount,
            "due_on": t.due_on,
            "needs_report": t.needs_report,
        }
        for t in tranches
    ]
    blank = {"needs_report": True}
    return TrancheFormSet(initial=rows + [blank] * max(1, 4 - len(rows)))


@require_POST
@login_required
def award_tranches(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff set the payment plan (before the agreement); rows left blank are ignored."""
    award = selectors.get_award_for_viewer(request.user, pk)
    formset = TrancheFormSet(request.POST)
    if not formset.is_valid():
        messages.error(request, _("Check the tranches: amounts are numbers, dates are dates."))
        return redirect(award)
    rows = [row for row in formset.cleaned_data if row and row.get("milestone")]
    try:
        services.tranches_set(
            award=award,
            by=request.user,
            tranches=rows,
            version=request.POST.get("version") or None,
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Payment plan saved."))
    return redirect(award)


@require_POST
@login_required
def award_sign(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.get_award_for_viewer(request.user, pk)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_sign(
                award=award,
                by=request.user,
                signed_on=form.cleaned_data["day"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Agreement recorded."))
    return redirect(award)


@require_POST
@login_required
def award_action(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.get_award_for_viewer(request.user, pk)
    form = AwardActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect(award)
    try:
        services.award_move(
            award=award,
            by=request.user,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"] or None,
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Award updated."))
    return redirect(award)


@require_POST
@login_required
def tranche_pay(request: HttpRequest, pk: int) -> HttpResponse:
    tranche = get_object_or_404(Tranche.objects.select_related("award"), pk=pk)
    award = selectors.get_award_for_viewer(request.user, tranche.award_id)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.tranche_pay(tranche=tranche, by=request.user, paid_on=form.cleaned_data["day"])
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Payment recorded."))
    return redirect(award)


def _report(request: HttpRequest, pk: int) -> UseReport:
    return selectors.get_report_for_viewer(request.user, pk)


@require_POST
@login_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(report)
    try:
        services.report_submit(
            report=report,
            by=request.user,
            summary=form.cleaned_data["summary"],
            amount_spent=form.cleaned_data["amount_spent"],
            uploads=form.cleaned_data["attachments"],
            version=form.cleaned_data["version"] or None,
        )
    except ValidationError as error:
        _error(request, error)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Report sent."))
    return redirect(report)


@require_POST
@login_required
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
        return redirect(report)
    data = form.cleaned_data
    try:
        if data["decision"] == "accept":
            services.report_accept(
                report=report, by=request.user, note=data["note"], version=data["version"] or None
            )
        else:
            services.report_reject(
                report=report,
                by=request.user,
                note=data["note"],
                consequence=data["consequence"] or services.Consequence.RESUBMIT,
                version=data["version"] or None,
            )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(report)
