"""Demo statistics: eight quarters of returns of the demo's enterprises above designated size
and parks, reference series, Wuxi's 2019 figures, and a calendar kept as an agency keeps it.

Everything goes through what staff use: the quarterly files are uploaded with the bulk
upload (checked row by row), a correction is a revision through the return form's service,
quarters are locked and released through their workflow.
"""

from __future__ import annotations

import csv
import random
import statistics as pystats
import tempfile
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import User
from wenchuang.reference.models import Region

from .calendar import previous_quarter, quarter_of
from .models import (
    Indicator,
    Period,
    ReferenceValue,
    ReportingObligation,
    ReturnUpload,
    ReturnValue,
    StatReturn,
)
from .selectors import obligated_records
from .services import period_move, period_open, reference_value_set, return_submit
from .standard import load_standard
from .uploads import process_file
from .wuxi import WUXI, enter_wuxi_2019

QUARTERS = 8
# Share of a year's revenue earned by the end of each quarter (year to date).
YEAR_TO_DATE = {1: Decimal("0.22"), 2: Decimal("0.47"), 3: Decimal("0.72"), 4: Decimal("1")}
# Reporters that have not yet filed for the open quarter (the completeness page shows them).
LATE_SHARE = 0.15
JUMP_EXPLANATION = "承接大型文旅演艺项目，本季度收入大幅增长。"
# GDP of the demo's cities in a year (yuan); trade in services is a share of it.
GDP = {
    "320200": Decimal("1526000000000"),
    "320100": Decimal("1850000000000"),
    "210200": Decimal("950000000000"),
    "370700": Decimal("780000000000"),
    "440300": Decimal("3680000000000"),
    "110000": Decimal("4980000000000"),
    "310000": Decimal("5390000000000"),
}


def _quarters(today) -> list[tuple[int, int]]:
    found = [previous_quarter(*quarter_of(today))]
    while len(found) < QUARTERS:
        found.append(previous_quarter(*found[-1]))
    return list(reversed(found))


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal(1)))


class _Profiles:
    """Each reporter's size and growth, drawn once, so that quarters follow one another."""

    def __init__(self, rng: random.Random, enterprises, parks):
        self.rng = rng
        by_class: dict[str, list[Decimal]] = {}
        for e in enterprises:
            by_class.setdefault(e.category_id, []).append(e.annual_revenue or Decimal(30_000_000))
        medians = {c: pystats.median(v) for c, v in by_class.items()}
        self.enterprises = {}
        for e in enterprises:
            median = medians[e.category_id]
            # Within 0.4–2.5 × the class median: nobody ten times its peers unless meant.
            base = min(
                max(e.annual_revenue or median, median * Decimal("0.4")), median * Decimal("2.5")
            )
            self.enterprises[e.pk] = {
                "base": base,
                "growth": Decimal(str(rng.uniform(0.97, 1.14))),
                "va": Decimal(str(rng.uniform(0.25, 0.38))),
                "exports": Decimal(str(rng.choice([0, 0, 0.03, 0.06, 0.1]))),
                "imports": Decimal(str(rng.choice([0, 0.01, 0.02]))),
                "staff": max(e.employees or 60, 20),
            }
        self.parks = {
            p.pk: {"tenants": min(max(p.tenants.count(), 8), 40), "occupancy": rng.uniform(72, 96)}
            for p in parks
        }

    def enterprise_row(self, pk: int, year: int, quarter: int, first_year: int, jump=False):
        p = self.enterprises[pk]
        annual = p["base"] * p["growth"] ** (year - first_year)
        wobble = Decimal(str(self.rng.uniform(0.98, 1.02)))
        revenue = annual * YEAR_TO_DATE[quarter] * wobble
        if jump:
            revenue *= Decimal("1.9")
        normal = annual * YEAR_TO_DATE[quarter] * wobble
        return {
            "revenue": _money(revenue),
            "employees": str(p["staff"] + quarter),
            "value_added": _money(normal * p["va"]),
            "cultural_exports": _money(normal * p["exports"]),
            "cultural_imports": _money(normal * p["imports"]),
        }

    def park_row(self, pk: int, year: int, quarter: int, first_year: int):
        p = self.parks[pk]
        tenants = p["tenants"] + (year - first_year)
        occupancy = min(99.0, p["occupancy"] + self.rng.uniform(-2, 2))
        return {
            "park_tenants": str(tenants),
            "park_occupancy": f"{occupancy:.1f}",
            "park_tenant_revenue": _money(Decimal(tenants) * 9_000_000 * YEAR_TO_DATE[quarter]),
        }


def _upload(rows: list[dict], by: User) -> int:
    """Write a quarter's returns through the bulk upload, as a district's file would be."""
    columns = ["obligation", "year", "quarter", "reporter"]
    extra = sorted({k for row in rows for k in row} - set(columns))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "returns.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns + extra, restval="")
            writer.writeheader()
            writer.writerows(rows)
        written, problems = process_file(path, by=by)
    if problems:
        raise RuntimeError(f"demo returns refused: {problems[:3]}")
    return written


@transaction.atomic
def create_demo(generator=None) -> dict[str, int]:
    """Eight quarters up to the last one ended: released, then locked, then open."""
    staff = User.objects.filter(username="staff_national").first()
    if staff is None:
        return {}
    load_standard(only_if_empty=True)
    rng = random.Random(2019)
    today = getattr(generator, "today", None) or timezone.localdate()
    quarters = _quarters(today)
    first_year = quarters[0][0]
    enterprise_duty = ReportingObligation.objects.get(code="enterprise-quarterly")
    park_duty = ReportingObligation.objects.get(code="park-quarterly")
    enterprises = list(obligated_records(enterprise_duty).order_by("id"))
    parks = list(obligated_records(park_duty).order_by("id"))
    profiles = _Profiles(rng, enterprises, parks)
    late = {e.pk for e in enterprises if rng.random() < LATE_SHARE}
    late_parks = {p.pk for p in parks[:1]}
    jumpers = {e.pk for e in enterprises if e.pk not in late}
    jumpers = set(sorted(jumpers)[:3])
    written = 0
    for n, (year, quarter) in enumerate(quarters):
        period = period_open(year=year, quarter=quarter)
        newest = n == len(quarters) - 1
        rows = []
        for e in enterprises:
            if newest and e.pk in late:
                continue
            jump = newest and e.pk in jumpers
            values = profiles.enterprise_row(e.pk, year, quarter, first_year, jump=jump)
            row = {
                "obligation": enterprise_duty.code,
                "year": year,
                "quarter": quarter,
                "reporter": e.pk,
                **values,
            }
            if jump:
                row["revenue_explanation"] = JUMP_EXPLANATION
            rows.append(row)
        for p in parks:
            if newest and p.pk in late_parks:
                continue
            rows.append(
                {
                    "obligation": park_duty.code,
                    "year": year,
                    "quarter": quarter,
                    "reporter": p.pk,
                    **profiles.park_row(p.pk, year, quarter, first_year),
                }
            )
        if rows:
            written += _upload(rows, staff)
    revised = _one_revision(enterprise_duty, quarters[-1], staff)
    references = _reference_series(quarters, staff)
    wuxi_enterprises = [e for e in enterprises if e.prefecture_code == WUXI][:12]
    if wuxi_enterprises:
        enter_wuxi_2019(by=staff, enterprises=wuxi_enterprises)
    # As an agency does: the older quarters released, the previous one locked, the last open.
    for n, (year, quarter) in enumerate(quarters[:-1]):
        period = Period.objects.get(year=year, quarter=quarter)
        period_move(period=period, target=Period.Status.LOCKED, by=staff)
        if n < len(quarters) - 2:
            period_move(period=period, target=Period.Status.RELEASED, by=staff)
    return {
        "statistical returns": written + len(wuxi_enterprises),
        "revised returns": revised,
        "reference values": references,
    }


def _one_revision(obligation, quarter, staff) -> int:
    """A reporter corrects its revenue in the open quarter: the first figure stays as history."""
    period = Period.objects.get(year=quarter[0], quarter=quarter[1])
    stat_return = (
        StatReturn.objects.filter(obligation=obligation, period=period, status="submitted")
        .select_related("enterprise")
        .order_by("id")
        .first()
    )
    if stat_return is None:
        return 0
    current = {
        v.indicator.code: str(v.value)
        for v in ReturnValue.objects.filter(stat_return=stat_return, current=True).select_related(
            "indicator"
        )
    }
    current["revenue"] = _money(Decimal(current["revenue"]) * Decimal("1.02"))
    return_submit(
        obligation=obligation,
        period=period,
        record=stat_return.enterprise,
        values=current,
        by=staff,
        version=stat_return.version,
    )
    return 1


def _reference_series(quarters, staff) -> int:
    """GDP and trade in services of the demo's cities for each full year shown."""
    entered = 0
    regions = Region.objects.in_bulk(list(GDP))
    gdp, services = Indicator.objects.get(code="gdp"), Indicator.objects.get(code="service_trade")
    for year, quarter in quarters:
        if quarter != 4:
            continue
        period = Period.objects.get(year=year, quarter=4)
        for code, value in GDP.items():
            if code not in regions:
                continue
            grown = value * Decimal("1.05") ** (year - 2024)
            for indicator, amount in ((gdp, grown), (services, grown * Decimal("0.07"))):
                reference_value_set(
                    indicator=indicator,
                    region=regions[code],
                    period=period,
                    value=_money(amount),
                    source="统计公报（演示数据）",
                    by=staff,
                )
                entered += 1
    return entered


def wipe_demo() -> None:
    """Delete the demo's returns, reference values, uploads and calendar (not the indicators)."""
    ReturnValue.objects.all().delete()
    StatReturn.objects.all().delete()
    ReferenceValue.objects.all().delete()
    ReturnUpload.objects.all().delete()
    Period.objects.all().delete()
