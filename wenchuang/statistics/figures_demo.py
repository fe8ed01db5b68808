"""Demo figures: Wuxi's plan and targets, the cube, what releases published (and returns if none).

Runs after the returns' own demo step (statistics, order 300), which files eight quarters
through the bulk upload and enters Wuxi's 2019 figures. Where that step made no returns
(an installation without it), this one writes eight quarters (2019–2020) of every
published enterprise above designated size through the bulk path, Wuxi's 2019 cultural
trade at 8.6 bn yuan against 93.5 bn of service trade (9.2 %), and releases seven of them.
Then it adds Wuxi's three-year plan, builds the cube and keeps what each released quarter
published.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from wenchuang.accounts.models import User
from wenchuang.directory.models import Enterprise
from wenchuang.directory.models import PublicationStatus as Published
from wenchuang.reference.models import Region

from .bulk import bulk_enterprise_returns
from .calendar import due_date
from .cube import build_cube
from .models import (
    CubeCell,
    Indicator,
    Period,
    Plan,
    QuarterlyReport,
    ReferenceValue,
    ReleasedCell,
    ReportingObligation,
    ReturnValue,
    StatReturn,
    Target,
)
from .publishing import period_release, snapshot
from .services import period_move

QUARTERS = [(2019, q) for q in (1, 2, 3, 4)] + [(2020, q) for q in (1, 2, 3, 4)]
WUXI = "320200"
WUXI_TRADE_2019 = Decimal("8600000000")  # cultural exports + imports
WUXI_SERVICE_TRADE_2019 = Decimal("93500000000")
WUXI_GDP = {2019: Decimal("1185200000000"), 2020: Decimal("1237000000000")}
EXPORT_SHARE = Decimal("0.7")  # of Wuxi's cultural trade, the rest imports


def _growth(enterprise: Enterprise, year: int) -> Decimal:
    # A steady, enterprise-specific growth: some grow, some shrink (the commentary's declines).
    return (
        Decimal(1) + Decimal((enterprise.pk * 37) % 31 - 10) / 100 if year == 2020 else Decimal(1)
    )


def create_demo(generator) -> dict[str, int]:
    _wuxi_plan()
    if StatReturn.objects.exists():  # the returns' demo step filed its quarters
        build_cube()
        for period in Period.objects.filter(status=Period.Status.RELEASED):
            snapshot(period)
        return {"statistics cube cells": CubeCell.objects.count()}
    obligation = ReportingObligation.objects.filter(code="enterprise-quarterly").first()
    if obligation is None:
        return {}
    periods = []
    for year, quarter in QUARTERS:
        period, _created = Period.objects.get_or_create(
            year=year, quarter=quarter, defaults={"due_on": due_date(year, quarter, 20)}
        )
        periods.append(period)
    enterprises = list(
        Enterprise.objects.filter(status=Published.PUBLISHED, above_designated_size=True)
        .exclude(annual_revenue=None)
        .order_by("id")
    )
    wuxi = [e for e in enterprises if e.prefecture_code == WUXI]
    wuxi_revenue = sum((e.annual_revenue for e in wuxi), Decimal(0)) or Decimal(1)

    def values(enterprise: Enterprise, period: Period) -> dict[str, Decimal]:
        year_total = enterprise.annual_revenue * _growth(enterprise, period.year)
        ytd = (year_total * period.quarter / 4).quantize(Decimal(1))
        if enterprise.prefecture_code == WUXI:
            trade = WUXI_TRADE_2019 * enterprise.annual_revenue / wuxi_revenue
        else:
            trade = year_total * Decimal("0.08")
        trade = trade * _growth(enterprise, period.year) * period.quarter / 4
        exports = (trade * EXPORT_SHARE).quantize(Decimal(1))
        return {
            "revenue": ytd,
            "value_added": (ytd * Decimal("0.32")).quantize(Decimal(1)),
            "cultural_exports": exports,
            "cultural_imports": (trade * (1 - EXPORT_SHARE)).quantize(Decimal(1)),
            "employees": Decimal(enterprise.employees or 50),
        }

    with transaction.atomic():
        written = bulk_enterprise_returns(
            obligation=obligation, periods=periods, enterprises=enterprises, values=values
        )
        _exact_wuxi_trade(periods[3])
        _reference_series(periods)
    build_cube()
    staff = User.objects.filter(username="staff_national").first()
    released = 0
    for period in periods if staff else []:
        if period.status == Period.Status.OPEN:
            period = period_move(period=period, target=Period.Status.LOCKED, by=staff)
        if period != periods[-1] and period.status == Period.Status.LOCKED:
            period_release(period=period, by=staff)
            released += 1
    return {"statistics values": written, "statistics quarters released": released}


def _exact_wuxi_trade(q4: Period) -> None:
    """Rounding leaves Wuxi's 2019 trade a few yuan off 8.6 bn: the largest return takes it."""
    rows = ReturnValue.objects.filter(
        stat_return__period=q4,
        stat_return__prefecture_code=WUXI,
        indicator__code__in=["cultural_exports", "cultural_imports"],
        current=True,
    )
    total = sum((r.value for r in rows), Decimal(0))
    largest = rows.filter(indicator__code="cultural_exports").order_by("-value").first()
    if largest is not None and total != WUXI_TRADE_2019:
        gap = WUXI_TRADE_2019 - total
        ReturnValue.objects.filter(pk=largest.pk).update(
            value=largest.value + gap, single_quarter=(largest.single_quarter or 0) + gap
        )


def _reference_series(periods: list[Period]) -> None:
    gdp = Indicator.objects.get(code="gdp")
    service_trade = Indicator.objects.get(code="service_trade")
    wuxi = Region.objects.get(code=WUXI)
    for period in periods:
        if period.quarter != 4:
            continue
        source = "无锡市统计局（演示数据）"
        rows = [(gdp, WUXI_GDP[period.year])]
        if period.year == 2019:
            rows.append((service_trade, WUXI_SERVICE_TRADE_2019))
        for indicator, value in rows:
            ReferenceValue.objects.get_or_create(
                indicator=indicator,
                region=wuxi,
                period=period,
                current=True,
                defaults={"value": value, "source": source},
            )


def _wuxi_plan() -> None:
    """Wuxi's three-year initiative (2019–2021) and its three targets."""
    wuxi = Region.objects.get(code=WUXI)
    plan, created = Plan.objects.get_or_create(
        name_zh_hans="无锡市文化产业三年行动计划（2019—2021年）",
        defaults={
            "name_en": "Wuxi three-year cultural industry initiative (2019–2021)",
            "name_fr": "Initiative triennale de Wuxi pour les industries culturelles (2019–2021)",
            "name_de": "Dreijahresinitiative Kulturwirtschaft Wuxi (2019–2021)",
            "region": wuxi,
            "province_code": "320000",
            "prefecture_code": WUXI,
            "starts_on": datetime.date(2019, 1, 1),
            "ends_on": datetime.date(2021, 12, 31),
        },
    )
    if not created:
        return
    start, end = datetime.date(2019, 1, 1), datetime.date(2021, 12, 31)
    targets = [
        ("规模以上文化企业达到1000家", "1,000 enterprises above designated size",
         "1 000 entreprises au-dessus du seuil", "1.000 Unternehmen über der Erfassungsgrenze",
         Target.Measure.ENTERPRISES_ABOVE_SIZE, "", "", None, 600, 1000),
        ("两个营业收入超百亿元的集聚区", "Two clusters above 10 bn yuan revenue",
         "Deux pôles au-delà de 10 Md de yuans de chiffre d'affaires",
         "Zwei Cluster mit über 10 Mrd. Yuan Umsatz",
         Target.Measure.PARKS_ABOVE, "revenue", "", Decimal("1e10"), 0, 2),
        ("文化产业增加值占GDP比重超过5.5%", "Cultural value added above 5.5 % of GDP",
         "Valeur ajoutée culturelle au-delà de 5,5 % du PIB",
         "Kulturelle Wertschöpfung über 5,5 % des BIP",
         Target.Measure.SHARE, "value_added", "gdp", None, Decimal("4.8"), Decimal("5.5")),
    ]  # fmt: skip
    for position, (zh, en, fr, de, measure, codes, ref, threshold, base, goal) in enumerate(
        targets
    ):
        Target.objects.create(
            plan=plan,
            name_zh_hans=zh,
            name_en=en,
            name_fr=fr,
            name_de=de,
            measure=measure,
            indicator_codes=codes,
            reference_code=ref,
            threshold=threshold,
            baseline=Decimal(base),
            baseline_on=start,
            target_value=Decimal(goal),
            deadline=end,
            position=position,
        )


def wipe_demo() -> None:
    QuarterlyReport.objects.all().delete()
    Plan.objects.all().delete()
    CubeCell.objects.all().delete()
    ReleasedCell.objects.all().delete()
    ReturnValue.objects.all().delete()
    StatReturn.objects.all().delete()
    ReferenceValue.objects.all().delete()
    Period.objects.filter(year__in={y for y, _q in QUARTERS}).delete()
