"""Wuxi 2019: cultural trade of 8.6 bn yuan is 9.2 % of service trade, by the platform's sums."""

from decimal import Decimal

import pytest

from wenchuang.directory.tests.factories import EnterpriseFactory
from wenchuang.reference.models import Region
from wenchuang.statistics import figures
from wenchuang.statistics.cube_tasks import cube_refresh
from wenchuang.statistics.models import Indicator, Period, ReportingObligation
from wenchuang.statistics.publishing import period_release
from wenchuang.statistics.services import period_move, reference_value_set, return_submit
from wenchuang.statistics.tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db

# Three of Wuxi's exporters, year to date at the end of 2019 (yuan): exports, imports.
TRADE = [
    ("320211", "0241", "4100000000", "900000000"),
    ("320213", "0110", "1900000000", "700000000"),
    ("320214", "0241", "600000000", "400000000"),
]
EXPLAINED = {
    c: "年报数据" for c in ("revenue", "value_added", "cultural_exports", "cultural_imports")
}


@pytest.fixture
def wuxi_2019(cast):
    """The returns and the service-trade series, entered by Wuxi's staff as on paper."""
    staff = cast["wuxi_staff"]
    q4 = PeriodFactory(year=2019, quarter=4)
    obligation = ReportingObligation.objects.get(code="enterprise-quarterly")
    for region, category, exports, imports in TRADE:
        enterprise = EnterpriseFactory(large=True, region_id=region, category_id=category)
        revenue = Decimal(exports) * 3
        return_submit(
            obligation=obligation,
            period=q4,
            record=enterprise,
            by=staff,
            values={
                "revenue": str(revenue),
                "employees": "900",
                "value_added": str(revenue / 4),
                "cultural_exports": exports,
                "cultural_imports": imports,
            },
            explanations=EXPLAINED,
        )
    reference_value_set(
        indicator=Indicator.objects.get(code="service_trade"),
        region=Region.objects.get(code="320200"),
        period=q4,
        value="93500000000",
        by=staff,
        source="无锡市商务局",
    )
    cube_refresh.enqueue()  # what the worker runs after returns arrive
    return q4


def test_the_platform_computes_wuxis_9_2_percent(wuxi_2019):
    trade = figures.yearly_value(["cultural_exports", "cultural_imports"], "320200", 2019)
    assert trade == Decimal("8600000000")
    share = figures.yearly_share(
        ["cultural_exports", "cultural_imports"], "service_trade", "320200", 2019
    )
    assert round(share, 1) == Decimal("9.2")


def test_the_public_dashboard_shows_9_2_percent_once_released(wuxi_2019, cast, client):
    page = {"region": "320200"}
    assert "9.2%" not in client.get("/en/statistics/dashboard/", page).content.decode()
    staff = cast["national_staff"]
    period_move(period=wuxi_2019, target=Period.Status.LOCKED, by=staff)
    period_release(period=wuxi_2019, by=staff)
    body = client.get("/en/statistics/dashboard/", page).content.decode()
    assert "Cultural trade as a share of service trade, 2019" in body
    assert "9.2%" in body
    assert "9,2\xa0%" in client.get("/fr/statistics/dashboard/", page).content.decode()
