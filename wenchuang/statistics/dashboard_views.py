"""Dashboard pages: public (released quarters, withheld small cells) and staff (jurisdiction)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from wenchuang.core.regions import jurisdiction_of
from wenchuang.reference.models import Region

from . import figures, targets
from .cube import NATIONAL
from .dashboard_charts import class_chart, map_chart, series_chart, target_chart
from .figures import Reader
from .growth import rounded
from .models import Plan


def _choice(request: HttpRequest, reader: Reader, default_region: str) -> dict[str, Any]:
    """The indicator, quarter and region the reader asked for (or sensible defaults)."""
    indicators = list(figures.indicators_for(reader))
    periods = list(figures.periods_for(reader)[:20])
    code = request.GET.get("indicator", "")
    indicator = next(
        (i for i in indicators if i.code == code), indicators[0] if indicators else None
    )
    label = request.GET.get("period", "")
    period = next((p for p in periods if p.label == label), periods[0] if periods else None)
    region_code = request.GET.get("region", "") or default_region
    region = Region.objects.filter(code=region_code).select_related("parent").first()
    if region is None or not reader.may_see_region(region.code):
        raise Http404(_("No such region."))
    return {
        "indicators": indicators,
        "periods": periods,
        "indicator": indicator,
        "period": period,
        "region": region,
    }


def _dashboard(request: HttpRequest, reader: Reader, default_region: str, template: str):
    context = _choice(request, reader, default_region)
    indicator, period, region = context["indicator"], context["period"], context["region"]
    charts = []
    below: list = []
    if indicator is not None and period is not None:
        name = str(indicator.name)
        points = figures.series(reader, indicator, region.code)
        charts.append(series_chart(points, title=f"{name} · {region.name}"))
        classes = figures.by_class(reader, indicator, period, region.code)
        charts.append(class_chart(classes, title=f"{name} · {period.label} · {region.name}"))
        if region.level < 3:
            below = figures.by_region(reader, indicator, period, region)
        country = Region.objects.get(code=NATIONAL)
        provinces = figures.by_region(reader, indicator, period, country)
        if reader.public or reader.may_see_region(NATIONAL):
            charts.append(map_chart(provinces, title=f"{name} · {period.label}"))
    year = targets.latest_year(released_only=reader.public)
    shares = []
    if year is not None:
        for key, (codes, reference) in figures.SHARES.items():
            value = figures.yearly_share(codes, reference, region.code, year)
            if value is not None:
                shares.append((key, rounded(value)))
    plans = Plan.objects.filter(public=True) if reader.public else Plan.objects.all()
    plan_rows = []
    for plan in plans.select_related("region")[:5]:
        standing = targets.standings(plan, released_only=reader.public)
        plan_rows.append((plan, standing, target_chart(standing, title=str(plan.name))))
    context.update(
        {
            "charts": charts,
            "below": below,
            "shares": shares,
            "share_year": year,
            "plans": plan_rows,
            "public": reader.public,
        }
    )
    return render(request, template, context)


def public_dashboard(request: HttpRequest) -> HttpResponse:
    """The public dashboard: released quarters only, small cells withheld."""
    return _dashboard(
        request, Reader.of(request.user, public=True), NATIONAL, "statistics/dashboard.html"
    )


@login_required
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    """Every quarter of the reader's jurisdiction, cells not withheld."""
    jurisdiction = jurisdiction_of(request.user)
    if jurisdiction is None:
        raise PermissionDenied(_("Only agency staff see the staff dashboard."))
    default = jurisdiction.regions[0].code
    reader = Reader(request.user, False, jurisdiction)
    return _dashboard(request, reader, default, "statistics/dashboard.html")


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's targets, their progress and whether each is on track."""
    plan = get_object_or_404(Plan.objects.select_related("region"), pk=pk)
    staff = jurisdiction_of(request.user) is not None
    if not plan.public and not staff:
        raise Http404(_("No such plan."))
    standing = targets.standings(plan, released_only=not staff)
    return render(
        request,
        "statistics/plan.html",
        {
            "plan": plan,
            "standings": standing,
            "chart": target_chart(standing, title=str(plan.name)),
        },
    )
