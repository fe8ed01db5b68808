"""The park map in a real browser: ECharts draws it, it zooms, and a park's dot opens the park."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAP = "#chart-park-map .chart-canvas"
READY = "#chart-park-map .chart-canvas[data-ready]"

DOT_POSITION = """(name) => {
  const element = document.querySelector('#chart-park-map .chart-canvas');
  const chart = echarts.getInstanceByDom(element);
  const series = chart.getOption().series;
  for (let i = 0; i < series.length; i++) {
    const item = series[i].data.find((d) => d.name === name);
    if (item) {
      const [x, y] = chart.convertToPixel({seriesIndex: i}, item.value);
      const box = element.getBoundingClientRect();
      return [box.left + x, box.top + y];
    }
  }
  return null;
}"""


@pytest.fixture
def site(reference_data, directory):
    return directory


def test_the_map_is_drawn_and_a_park_dot_opens_the_park(page, site):
    page.goto("/en/")
    page.locator(READY).wait_for()
    # The home page has grown (the sections bar, the latest news): bring the map into view.
    page.locator(MAP).scroll_into_view_if_needed()
    # The list beside the map links every park too.
    assert page.locator("#chart-park-map table").get_by_role("link", name="Wuxi Studios").count()
    x, y = page.evaluate(DOT_POSITION, "Wuxi Studios")
    # Pointing at the dot names the park ...
    page.mouse.move(x, y)
    page.locator(MAP).get_by_text("Wuxi Studios").wait_for()
    # ... and clicking it opens the park's page.
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert urlsplit(page.url).path == f"/en/park/{site['studios'].pk}/"


def test_the_map_zooms_with_the_wheel(page, site):
    page.goto("/en/")
    page.locator(READY).wait_for()
    # The home page has grown (the sections bar, the latest news): bring the map into view.
    page.locator(MAP).scroll_into_view_if_needed()
    before = page.evaluate(DOT_POSITION, "Wuxi Studios")
    box = page.locator(MAP).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    page.wait_for_function(
        "([name, before]) => { const p = (" + DOT_POSITION + ")(name);"
        " return p && (p[0] !== before[0] || p[1] !== before[1]); }",
        arg=["Wuxi Studios", before],
    )
    after = page.evaluate(DOT_POSITION, "Wuxi Studios")
    # Still clickable after zooming.
    page.mouse.move(*after)
    page.locator(MAP).get_by_text("Wuxi Studios").wait_for()
    with page.expect_navigation():
        page.mouse.click(*after)
    assert urlsplit(page.url).path == f"/en/park/{site['studios'].pk}/"
