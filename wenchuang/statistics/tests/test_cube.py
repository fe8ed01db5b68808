"""The cube: cells by region and class level, contributors, incremental updates, sources."""

from contextlib import contextmanager
from decimal import Decimal

import pytest

from wenchuang.statistics import sources
from wenchuang.statistics.cube import build_cube, refresh_changed
from wenchuang.statistics.models import ClassLevel, CubeCell, Indicator, ReturnValue
from wenchuang.statistics.tests.cube_data import enterprise_return, wuxi_quarters

pytestmark = pytest.mark.django_db


def cell(period, region, class_level=ClassLevel.ALL, class_code="", code="revenue", park=0):
    return CubeCell.objects.get(
        period=period,
        indicator__code=code,
        region_id=region,
        class_level=class_level,
        class_code=class_code,
        park_id=park,
    )


@contextmanager
def registered(code, fn):
    """Another domain's source of `code`'s figures, for the length of a test."""
    sources.register_source(code, fn)
    try:
        yield
    finally:
        sources.unregister_source(code, fn)


def test_cells_add_up_from_county_to_country_and_from_small_class_to_all():
    q19, _q20 = wuxi_quarters()
    build_cube()
    binhu = cell(q19, "320211")
    assert (binhu.value, binhu.quarter_value, binhu.contributors) == (4000, 1000, 4)
    assert binhu.largest == 1600 and binhu.region_level == 3
    wuxi = cell(q19, "320200")
    assert (wuxi.value, wuxi.contributors, wuxi.largest) == (8000, 5, 4000)
    assert cell(q19, "320000").value == 8000
    assert cell(q19, "000000").value == 8000 and cell(q19, "000000").region_level == 0
    assert cell(q19, "320200", ClassLevel.SMALL, "0241").value == 4000
    assert cell(q19, "320200", ClassLevel.MAJOR, "01").value == 4000
    assert cell(q19, "320200", ClassLevel.DOMAIN, "core").value == 8000


def test_a_revision_reaches_the_cube_in_the_next_incremental_update():
    q19, q20 = wuxi_quarters()
    build_cube()
    untouched = cell(q19, "320200").computed_at
    old = ReturnValue.objects.filter(
        stat_return__period=q20, stat_return__region_id="320213", current=True
    ).get()
    ReturnValue.objects.filter(pk=old.pk).update(current=False)
    ReturnValue.objects.create(
        stat_return=old.stat_return,
        indicator=old.indicator,
        value=Decimal(6000),
        single_quarter=Decimal(2400),
        revision=2,
    )
    refresh_changed()
    assert cell(q20, "320200").value == (100 + 200 + 300 + 400) * 5 + 6000
    assert cell(q20, "320213").value == 6000
    assert cell(q20, "000000").quarter_value == 1000 + 200 + 2400
    # Only the changed quarter was recomputed.
    assert cell(q19, "320200").computed_at == untouched


def test_a_weighted_mean_keeps_the_weights_of_each_return():
    q19, _q20 = wuxi_quarters()
    for tenants, occupancy in ((10, 90), (30, 50)):
        enterprise_return(q19, park_tenants=tenants, park_occupancy=occupancy)
    build_cube()
    occupancy = cell(q19, "320200", code="park_occupancy")
    assert occupancy.weighted_sum / occupancy.weight_sum == 60


def test_another_domains_figures_become_values():
    q19, _q20 = wuxi_quarters()

    def exports(period):
        if period.pk != q19.pk:
            return []
        return [
            sources.SourceRow("320211", "0241", Decimal(70), "market:seller-1"),
            sources.SourceRow("320211", "0241", Decimal(30), "market:seller-2"),
            sources.SourceRow("320211", "0241", Decimal(5), "market:seller-1"),
        ]

    with registered("cultural_exports", exports):
        build_cube()
    binhu = cell(q19, "320211", code="cultural_exports")
    assert (binhu.value, binhu.contributors, binhu.largest) == (105, 2, 75)
    assert Indicator.objects.get(code="cultural_exports").pk == binhu.indicator_id


def test_the_rebuild_command_recomputes_every_cell():
    from django.core.management import call_command

    q19, _q20 = wuxi_quarters()
    call_command("statistics_cube")
    CubeCell.objects.filter(region_id="320200").delete()
    call_command("statistics_cube")
    assert cell(q19, "320200").value == 8000


def test_an_enterprise_that_reported_its_exports_is_not_counted_again_from_a_source():
    q19, _q20 = wuxi_quarters()
    reporting = enterprise_return(q19, cultural_exports=(400, 100)).enterprise
    silent = enterprise_return(q19, revenue=(800, 200)).enterprise  # no exports reported

    def market_orders(period):
        return [
            sources.SourceRow("320211", "0241", Decimal(90), sources.enterprise_contributor(e.pk))
            for e in (reporting, silent)
        ]

    with registered("cultural_exports", market_orders):
        build_cube()
    binhu = cell(q19, "320211", code="cultural_exports")
    # 400 reported (its marketplace sales are in it) + 90 from the one that reported none.
    assert (binhu.value, binhu.contributors) == (490, 2)
