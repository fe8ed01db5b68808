"""The demo: eight quarters of returns, seven released, Wuxi's 9.2 % and its targets."""

from decimal import Decimal

import pytest

from wenchuang.statistics import figures
from wenchuang.statistics.cube_models import CubeCell, Plan
from wenchuang.statistics.models import Period, StatReturn
from wenchuang.statistics.targets import standings

pytestmark = pytest.mark.django_db


def test_the_demo_has_eight_quarters_and_releases_seven(demo_db):
    quarters = Period.objects.filter(returns__isnull=False).distinct()
    assert [p.label for p in quarters.order_by("year", "quarter")] == [
        f"{y}Q{q}" for y in (2019, 2020) for q in (1, 2, 3, 4)
    ]
    assert quarters.filter(status="released").count() == 7
    # Every quarter has returns of the same enterprises, and the cube has their national sums.
    per_quarter = {StatReturn.objects.filter(period=p).count() for p in quarters}
    assert len(per_quarter) == 1 and per_quarter.pop() > 0
    assert CubeCell.objects.filter(region_id="000000", period__in=quarters).count() > 0


def test_the_demo_shows_wuxis_9_2_percent(demo_db):
    share = figures.yearly_share(
        ["cultural_exports", "cultural_imports"], "service_trade", "320200", 2019
    )
    assert round(share, 1) == Decimal("9.2")


def test_the_demo_plan_has_wuxis_three_targets(demo_db):
    plan = Plan.objects.get(region_id="320200")
    rows = standings(plan, released_only=True)
    assert [s.target.target_value for s in rows] == [1000, 2, Decimal("5.5")]
    # Figures of the latest released year-end (2019) or, for the size count, of today.
    assert [s.year for s in rows] == [None, 2019, 2019]
    assert rows[2].actual is not None and rows[0].actual is not None
