"""The demo: eight quarters in the cube, releases kept, Wuxi's 9.2 % and its targets."""

from decimal import Decimal

import pytest

from wenchuang.statistics import figures
from wenchuang.statistics.models import CubeCell, Period, Plan, ReleasedCell
from wenchuang.statistics.targets import standings

pytestmark = pytest.mark.django_db


def test_the_demo_has_eight_quarters_in_the_cube_and_snapshots_of_releases(demo_db):
    quarters = Period.objects.filter(returns__isnull=False).distinct()
    recent = [p for p in quarters.order_by("-year", "-quarter")][:8]
    assert len(recent) == 8  # the returns' demo files eight quarters (and Wuxi's 2019)
    for period in recent:
        assert CubeCell.objects.filter(period=period, region_id="000000").exists(), period
    released = quarters.filter(status="released")
    assert released.exists()
    for period in released:
        assert ReleasedCell.objects.filter(period=period).exists(), period


def test_the_demo_shows_wuxis_9_2_percent(demo_db):
    share = figures.yearly_share(
        ["cultural_exports", "cultural_imports"], "service_trade", "320200", 2019
    )
    assert round(share, 1) == Decimal("9.2")


def test_the_demo_plan_has_wuxis_three_targets(demo_db):
    plan = Plan.objects.get(region_id="320200")
    rows = standings(plan, released_only=True)
    assert [s.target.target_value for s in rows] == [1000, 2, Decimal("5.5")]
    # Figures of the latest released year-end or, for the size count, of today.
    latest = Period.objects.filter(quarter=4, status="released").order_by("-year").first().year
    assert [s.year for s in rows] == [None, latest, latest]
    assert rows[2].actual is not None and rows[0].actual is not None
