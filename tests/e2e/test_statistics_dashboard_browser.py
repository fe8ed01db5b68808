"""The public statistics dashboard in Chinese: charts drawn, the table's CSV downloads."""

from __future__ import annotations

import pytest

from wenchuang.statistics.cube import build_cube
from wenchuang.statistics.publishing import period_release
from wenchuang.statistics.services import period_move
from wenchuang.statistics.tests.cube_data import wuxi_quarters

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def released(reference_data, cast):
    q19, q20 = wuxi_quarters()
    build_cube()
    for period in (q19, q20):
        period_move(period=period, target="locked", by=cast["national_staff"])
        period_release(period=period, by=cast["national_staff"])
    return q20


def test_a_reader_opens_the_dashboard_in_chinese_and_downloads_a_csv(page, released):
    # Chinese is the default language: its pages have no prefix.
    page.goto("/statistics/dashboard/?region=320200&indicator=revenue")
    assert page.locator("h1").inner_text() == "文化产业统计"
    page.locator("#chart-series .chart-canvas[data-ready]").wait_for()
    page.locator("#chart-series summary").click()  # the data table beside the chart
    assert "2020Q4" in page.locator("#chart-series table").inner_text()
    with page.expect_download() as download_info:
        page.locator("#chart-series a.chart-csv").click()
    download = download_info.value
    assert download.suggested_filename == "series.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    lines = text.splitlines()
    assert lines[0].split(",")[1:] == ["数值", "同比增长", "备注"]  # in the reader's language
    assert any(line.startswith("2020Q4,") for line in lines)


def test_a_french_reader_sees_the_charts_numbers_written_the_french_way(page, released):
    page.goto("/fr/statistics/dashboard/?region=320200&indicator=revenue")
    page.locator("#chart-series .chart-canvas[data-ready]").wait_for()
    axis, tooltip = page.evaluate(
        """() => {
            const element = document.querySelector("#chart-series .chart-canvas");
            const option = echarts.getInstanceByDom(element).getOption();
            return [option.yAxis[0].axisLabel.formatter(30000000000),
                    option.tooltip[0].valueFormatter(1234567.5)];
        }"""
    )
    # Not ECharts' own "30,000,000,000": a short French axis, a full French tooltip.
    assert axis.replace("\u00a0", " ") == "30 Md"
    assert tooltip.replace("\u202f", " ") == "1 234 567,5"
