"""Wuxi's 2019 figures as returns and reference series: cultural trade of 8.6 bn yuan, 9.2 % of
its trade in services. The demo and the tests enter them the way staff would."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from wenchuang.reference.models import Region

from .models import Indicator, Period, ReportingObligation
from .services import period_move, period_open, reference_value_set, return_submit

WUXI = "320200"
YEAR = 2019
# Published figures (无锡市2019年国民经济和社会发展统计公报 and the city's cultural-trade report).
CULTURAL_EXPORTS = Decimal("6200000000")
CULTURAL_IMPORTS = Decimal("2400000000")
CULTURAL_TRADE = CULTURAL_EXPORTS + CULTURAL_IMPORTS  # 8.6 bn yuan
SERVICE_TRADE = Decimal("93478260870")  # cultural trade is 9.2 % of it
GDP = Decimal("1185232000000")
SOURCE = "无锡市统计局，2019年统计公报"


def _shares(total: Decimal, parts: int) -> list[Decimal]:
    """`total` split into `parts` whole-yuan amounts that add up exactly."""
    each = (total / parts).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return [each] * (parts - 1) + [total - each * (parts - 1)]


@transaction.atomic
def enter_wuxi_2019(*, by: Any, enterprises: list[Any], release: bool = True) -> Period:
    """Enter the year's returns (2019 Q4, year to date) of `enterprises` — Wuxi enterprises
    above designated size — whose exports and imports add up to Wuxi's cultural trade, and
    the service-trade and GDP reference series; then lock and release the quarter."""
    if not enterprises:
        raise ValueError("Wuxi's figures need at least one Wuxi enterprise")
    period = period_open(year=YEAR, quarter=4)
    obligation = ReportingObligation.objects.get(code="enterprise-quarterly")
    exports = _shares(CULTURAL_EXPORTS, len(enterprises))
    imports = _shares(CULTURAL_IMPORTS, len(enterprises))
    for enterprise, out, into in zip(enterprises, exports, imports, strict=True):
        revenue = (out + into) * 3
        return_submit(
            obligation=obligation,
            period=period,
            record=enterprise,
            by=by,
            values={
                "revenue": revenue,
                "employees": 420,
                "value_added": (revenue * Decimal("0.3")).quantize(Decimal(1)),
                "cultural_exports": out,
                "cultural_imports": into,
            },
        )
    wuxi = Region.objects.get(code=WUXI)
    for code, value in (("service_trade", SERVICE_TRADE), ("gdp", GDP)):
        reference_value_set(
            indicator=Indicator.objects.get(code=code),
            region=wuxi,
            period=period,
            value=value,
            source=SOURCE,
            by=by,
        )
    if release:
        period_move(period=period, target=Period.Status.LOCKED, by=by)
        period_move(period=period, target=Period.Status.RELEASED, by=by)
    return period
