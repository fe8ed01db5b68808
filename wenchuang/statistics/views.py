"""Statistics pages: the calendar, the return form, returns and their revisions, completeness."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.htmx import is_htmx
from wenchuang.core.permissions import require
from wenchuang.directory.models import Enterprise, Park

from . import completeness, permissions, selectors, services
from .forms import PeriodMoveForm, ReturnForm
from .models import Indicator, Period, ReportingObligation
from .validation import flag_message
from .workflows import PERIOD


def _refused(request: HttpRequest, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))


def home(request: HttpRequest) -> HttpResponse:
    """The reporting calendar, the indicators and, for reporters, what they have to file."""
    periods = list(Period.objects.all()[:12])
    open_periods = [p for p in periods if p.is_open]
    for period in periods:
        period.moves = PERIOD.allowed_moves(request.user, period)
    return render(
        request,
        "statistics/home.html",
        {
            "periods": periods,
            "open_periods": open_periods,
            "indicators": Indicator.objects.select_related("weight"),
            "obligations": ReportingObligation.objects.filter(active=True).prefetch_related(
                "indicators"
            ),
            "mine": selectors.obligations_of(request.user) if open_periods else [],
            "staff": bool(permissions.can_follow_completeness(request.user)),
            "manage": bool(permissions.can_manage_calendar(request.user)),
        },
    )


def _record_of(obligation: ReportingObligation, pk: str | None):
    model = {"enterprise": Enterprise, "park": Park}.get(obligation.reporter)
    if model is None or not (pk or "").isdigit():
        raise Http404(_("No such reporter."))
    return get_object_or_404(model, pk=int(pk))


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The return form of one reporter for a quarter, pre-filled from its last return.

    Without ?obligation=&record=, the reporters the user files for (to choose from).
    """
    period = get_object_or_404(Period, pk=pk)
    code = request.GET.get("obligation", "")
    if not code:
        return render(
            request,
            "statistics/report_choose.html",
            {"period": period, "mine": selectors.obligations_of(request.user)},
        )
    obligation = get_object_or_404(ReportingObligation, code=code)
    record = _record_of(obligation, request.GET.get("record"))
    require(permissions.can_report(request.user, obligation.reporter, record))
    indicators = services.obligation_indicators(obligation)
    stat_return, currents = selectors.current_of(obligation, period, record)
    if currents:
        figures = {c: row.value for c, row in currents.items()}
    else:
        figures = selectors.last_values(obligation, period, record)
    form = ReturnForm(
        request.POST if request.method == "POST" else None,
        indicators=indicators,
        figures=figures,
        explanations={c: row.explanation for c, row in currents.items()},
        initial={"version": stat_return.version if stat_return else None},
    )
    flagged = {c: [flag_message(f) for f in row.flags] for c, row in currents.items() if row.flags}
    if request.method == "POST" and form.is_valid():
        try:
            done = services.return_submit(
                obligation=obligation,
                period=period,
                record=record,
                values=form.values(),
                explanations=form.explanations(),
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_problems(error.message_dict)
            else:
                form.add_error(None, error)
        else:
            if done.created:
                messages.success(request, _("Return submitted. Thank you."))
            elif done.changed:
                messages.success(request, _("Return revised: the earlier figures are kept."))
            else:
                messages.info(request, _("Nothing changed: the return is as it was."))
            url = reverse("statistics:return-detail", args=[done.stat_return.pk])
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    context = {
        "period": period,
        "obligation": obligation,
        "record": record,
        "form": form,
        "rows": list(form.rows(flagged)),
        "flagged": flagged,
        "stat_return": stat_return,
        "prefilled": not currents and bool(figures),
        "closed": services.period_refusal(period),
    }
    template = "statistics/_report_form.html" if is_htmx(request) else "statistics/report.html"
    return render(request, template, context, status=422 if form.errors else 200)


@login_required
def return_list(request: HttpRequest) -> HttpResponse:
    """Returns the user may read: their own, or their jurisdiction's."""
    rows = selectors.returns_for(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "statistics/returns.html", {"page": page})


@login_required
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A return's current figures and every earlier revision."""
    stat_return = selectors.get_return_for_reader(request.user, pk)
    history = selectors.value_history(stat_return)
    for row in history:
        row.flag_texts = [flag_message(f) for f in row.flags]
    record = stat_return.reporter_record
    may_revise = (
        record is not None
        and stat_return.period.is_open
        and permissions.can_report(request.user, stat_return.reporter, record)
    )
    return render(
        request,
        "statistics/return_detail.html",
        {
            "stat_return": stat_return,
            "current": [r for r in history if r.current],
            "earlier": [r for r in history if not r.current],
            "may_revise": may_revise,
            "record": record,
        },
    )


@login_required
def completeness_view(request: HttpRequest) -> HttpResponse:
    """Staff: who has reported for a quarter and who has not, by district, with a chart."""
    require(permissions.can_follow_completeness(request.user))
    periods = list(Period.objects.all()[:12])
    obligations = list(ReportingObligation.objects.filter(active=True).exclude(reporter="district"))
    wanted = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == wanted), periods[0] if periods else None)
    code = request.GET.get("obligation", "")
    obligation = next(
        (o for o in obligations if o.code == code), obligations[0] if obligations else None
    )
    context = {
        "periods": periods,
        "obligations": obligations,
        "period": period,
        "obligation": obligation,
    }
    if period is not None and obligation is not None:
        districts = completeness.by_district(request.user, obligation, period)
        missing = Paginator(completeness.missing(request.user, obligation, period), 50)
        context |= {
            "districts": districts,
            "obligated": sum(d.obligated for d in districts),
            "reported": sum(d.reported for d in districts),
            "chart": completeness.chart(districts, period),
            "missing": missing.get_page(request.GET.get("page")),
        }
    return render(request, "statistics/completeness.html", context)


@require_POST
@login_required
def period_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff lock, reopen or release a quarter."""
    period = get_object_or_404(Period, pk=pk)
    form = PeriodMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the quarter."))
        return redirect("statistics:home")
    try:
        services.period_move(period=period, target=form.cleaned_data["target"], by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(period)s is now %(status)s.")
            % {"period": period.label, "status": Period.Status(form.cleaned_data["target"]).label},
        )
    return redirect("statistics:home")
