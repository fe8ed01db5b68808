"""The demo's statistics: eight quarters, a calendar as an agency keeps it, flags, a revision."""

from wenchuang.statistics.demo import wipe_demo
from wenchuang.statistics.models import Period, ReferenceValue, ReturnValue, StatReturn


def test_the_demo_has_eight_quarters_of_returns_and_the_calendar_of_an_agency(demo_db):
    recent = list(Period.objects.exclude(year=2019).order_by("year", "quarter"))
    assert len(recent) == 8
    assert [p.status for p in recent] == ["released"] * 6 + ["locked", "open"]
    for period in recent:
        assert StatReturn.objects.filter(period=period, reporter="enterprise").exists()
        assert StatReturn.objects.filter(period=period, reporter="park").exists()
    # A few values flagged (and explained), one figure revised, the earlier one kept.
    flagged = ReturnValue.objects.filter(current=True).exclude(flags=[])
    assert 1 <= flagged.count() <= 5 and all(v.explanation for v in flagged)
    assert ReturnValue.objects.filter(current=False).count() == 1
    # Year-to-date figures give single quarters after the first.
    q2 = ReturnValue.objects.filter(
        current=True, indicator__code="revenue", stat_return__period__quarter=2
    ).first()
    assert q2.single_quarter is not None and 0 < q2.single_quarter < q2.value
    assert ReferenceValue.objects.filter(indicator__code="gdp").exists()


def test_the_demo_enters_wuxi_2019(demo_db):
    wuxi = Period.objects.get(year=2019, quarter=4)
    assert wuxi.status == "released"
    assert (
        ReferenceValue.objects.get(indicator__code="service_trade", period=wuxi).value
        == 93478260870
    )


def test_the_demo_statistics_go_before_the_directory_is_wiped(demo_db):
    wipe_demo()
    assert not StatReturn.objects.exists() and not Period.objects.exists()
