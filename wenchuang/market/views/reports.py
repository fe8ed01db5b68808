"""The seller's own sales report: completed orders by month, chart and table (CSV with it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wenchuang.core.charts import Chart

from .. import selectors


@login_required
def sales(request: HttpRequest) -> HttpResponse:
    rows = selectors.sales_report(request.user)
    chart = Chart(
        id="market-sales",
        title=_("Completed sales by month (yuan)"),
        columns=[_("Month"), _("Orders"), _("Sales (yuan)"), _("Of which exports (yuan)")],
        rows=[
            [row.month.strftime("%Y-%m"), row.orders, row.amount_cny, row.export_cny]
            for row in rows
        ],
        kind="bar",
    )
    return render(
        request,
        "market/sales.html",
        {"chart": chart, "rows": rows, "enterprises": selectors.seller_enterprises(request.user)},
    )
