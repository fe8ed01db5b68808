"""The marketplace's export orders as statistics figures: cultural exports by seller and class.

Registered with `statistics.sources` as the indicator `cultural_exports`: the cube adds them to
what enterprises report, by the seller's region and the listing's small class, and counts each
seller as one contributor (so small-cell suppression protects a single exporter too). A seller
that reported cultural exports in its own return for the quarter is not added again. The
indicator is year-to-date, so a quarter's figure covers January to the quarter's end.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from .models import Order


def quarter_end(year: int, quarter: int) -> dt.date:
    month = 3 * quarter
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def exports_for_period(period: Any) -> list:
    """Completed orders to buyers abroad, from 1 January to the end of `period`'s quarter."""
    from wenchuang.statistics.sources import SourceRow, enterprise_contributor

    start = dt.date(period.year, 1, 1)
    end = quarter_end(period.year, period.quarter)
    rows = (
        Order.objects.filter(
            status=Order.Status.COMPLETED,
            completed_at__date__gte=start,
            completed_at__date__lte=end,
        )
        .exclude(buyer_country="CN")
        .values("seller_id", "seller__region_id", "class_code")
        .annotate(amount=Sum("total_cny"))
        .order_by("seller_id", "class_code")
    )
    return [
        SourceRow(
            region_code=row["seller__region_id"],
            class_code=row["class_code"],
            value=row["amount"] or Decimal(0),
            contributor=enterprise_contributor(row["seller_id"]),
        )
        for row in rows
    ]
