"""Writing many returns at once (demo data, load tests): placement copied, single quarters derived.

The same rows a submission writes — a return placed and classified from its enterprise, its
values at revision 1, a cumulative value's single quarter derived from the quarter before —
written with one multi-row INSERT per batch instead of one checked submission each. It
trusts its input: the checks of `services.return_submit` are for what people send.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from wenchuang.core.generations import bump

from .models import Indicator, Period, ReportingObligation, ReturnValue, StatReturn

BATCH = 5000

ValuesFn = Callable[[Any, Period], dict[str, Decimal]]


def _placement(enterprise: Any) -> tuple:
    return (
        enterprise.region_id,
        enterprise.province_code,
        enterprise.prefecture_code,
        enterprise.category_id,
        enterprise.mid_code,
        enterprise.major_code,
        enterprise.domain,
        enterprise.park_id,
    )


def bulk_enterprise_returns(
    *,
    obligation: ReportingObligation,
    periods: Sequence[Period],
    enterprises: Iterable[Any],
    values: ValuesFn,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write each enterprise's return for each period; returns the number of values written.

    `values(enterprise, period)` gives {indicator code: value as reported} (year to date for
    cumulative indicators). Periods are written in calendar order so single quarters can be
    derived from the quarter before within the same year.
    """
    indicators = {i.code: i for i in obligation.indicators.all()}
    periods = sorted(periods, key=lambda p: (p.year, p.quarter))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sr, rv = StatReturn._meta.db_table, ReturnValue._meta.db_table
    written = 0
    batch: list[Any] = []

    def flush() -> None:
        nonlocal written
        if not batch:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            rows = []
            for enterprise in batch:
                placement = _placement(enterprise)
                for period in periods:
                    rows.append(
                        (obligation.pk, period.pk, "enterprise", enterprise.pk, *placement[7:],
                         f"enterprise:{enterprise.pk}", *placement[:7], "submitted", now, 1, now)
                    )  # fmt: skip
            cursor.executemany(
                f"INSERT INTO {sr} (obligation_id, period_id, reporter, enterprise_id, park_id, "
                "reporter_key, region_id, province_code, prefecture_code, class_code, mid_code, "
                "major_code, domain, status, submitted_at, version, updated_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            ids = dict(
                ((e, p), pk)
                for pk, e, p in StatReturn.objects.filter(
                    obligation=obligation,
                    enterprise_id__in=[e.pk for e in batch],
                    period__in=periods,
                ).values_list("pk", "enterprise_id", "period_id")
            )
            value_rows = []
            for enterprise in batch:
                previous: dict[str, tuple[int, Decimal]] = {}
                for period in periods:
                    for code, value in values(enterprise, period).items():
                        indicator = indicators[code]
                        single = value
                        if indicator.cumulative and period.quarter > 1:
                            year, before = previous.get(code, (None, None))
                            single = value - before if year == period.year else None
                        previous[code] = (period.year, value)
                        value_rows.append(
                            (ids[(enterprise.pk, period.pk)], indicator.pk, value, single,
                             1, True, "", "[]", now)
                        )  # fmt: skip
            cursor.executemany(
                f"INSERT INTO {rv} (stat_return_id, indicator_id, value, single_quarter, "
                "revision, current, explanation, flags, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                value_rows,
            )
            written += len(value_rows)
            bump(StatReturn)
        batch.clear()
        if progress:
            progress(written)

    for enterprise in enterprises:
        batch.append(enterprise)
        if len(batch) * len(periods) >= BATCH:
            flush()
    flush()
    return written


def indicator_codes(obligation: ReportingObligation) -> list[str]:
    return list(obligation.indicators.values_list("code", flat=True))


def indicators_by_code() -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.all()}
