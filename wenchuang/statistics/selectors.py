"""Reads of statistics: current values for the cube, returns for a reader, the calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from .models import ReturnValue


def current_values(
    period_ids: Iterable[int] | None = None, since: datetime.datetime | None = None
) -> QuerySet[ReturnValue]:
    """The current value of every figure, with its return's placement and classification.

    `period_ids` narrows to those quarters; `since` to values entered at or after that
    moment (a revision makes a new row, so this is what changed since the last cube update).
    Each row has `stat_return` (region, province_code, prefecture_code, class_code, mid_code,
    major_code, domain, park_id, period_id) and `indicator` loaded.
    """
    rows = ReturnValue.objects.filter(current=True).select_related(
        "stat_return", "stat_return__period", "indicator"
    )
    if period_ids is not None:
        rows = rows.filter(stat_return__period_id__in=list(period_ids))
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    return rows.order_by("id")
