"""Park pairing in a real browser: staff suggest and confirm a pair in Chinese, and the batch's
map draws the line between the two parks, whose end opens the pair's page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.cooperation import services
from wenchuang.cooperation.models import Pairing
from wenchuang.directory import services as directory_services
from wenchuang.directory.models import Park
from wenchuang.reference.models import Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READY = "#chart-pairs-map .chart-canvas[data-ready]"
LINE_COUNT = """() => {
  const chart = echarts.getInstanceByDom(document.querySelector('#chart-pairs-map .chart-canvas'));
  const lines = chart.getOption().series.find((s) => s.type === 'lines');
  return lines ? lines.data.length : -1;
}"""
END_POSITION = """(name) => {
  const element = document.querySelector('#chart-pairs-map .chart-canvas');
  const chart = echarts.getInstanceByDom(element);
  const series = chart.getOption().series;
  for (let i = 0; i < series.length; i++) {
    if (series[i].type !== 'scatter') continue;
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
def batch(reference_data, directory, cast):
    staff = cast["national_staff"]
    directory["studios"].focus_categories.set(["0131"])
    urumqi = directory_services.record_create(
        model=Park,
        by=staff,
        data={
            "name_zh_hans": "乌鲁木齐七纺文旅集聚区",
            "name_en": "Urumqi Seven Textiles Cluster",
            "region": "650102",
            "latitude": "43.80",
            "longitude": "87.62",
        },
    )
    urumqi.focus_categories.set(["0131"])
    made = services.batch_create(
        by=staff,
        code="first-batch",
        year=2026,
        region=Region.objects.get(code="000000"),
        title_zh_hans="携手计划首批合作园区",
        title_en="Carrying Plan, first batch",
    )
    services.batch_move(batch=made, target="active", by=staff)
    return made


def test_staff_confirm_a_suggested_pair_and_the_map_draws_it(page, batch, cast):
    staff = cast["national_staff"]
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/cooperation/{batch.pk}/")  # Chinese: the unprefixed site
    page.get_by_role("button", name="生成结对建议").click()
    urumqi = page.locator("tr", has_text="乌鲁木齐七纺文旅集聚区")
    row = urumqi.filter(has_text="东部地区 → 西部地区")
    row.get_by_role("button", name="确认").click()
    urumqi.locator(".status-confirmed").wait_for()
    pairing = Pairing.objects.get(batch=batch, partner_park__name_en__startswith="Urumqi")
    assert pairing.status == "confirmed"

    # A visitor's map (in English) shows the pair as a line; its end opens the pair's page.
    visitor = page.context.browser.new_context(base_url=page.url.split("/cooperation/")[0])
    tab = visitor.new_page()
    tab.goto(f"/en/cooperation/{batch.pk}/")
    tab.locator(READY).wait_for()
    assert tab.evaluate(LINE_COUNT) == 1
    x, y = tab.evaluate(END_POSITION, "Urumqi Seven Textiles Cluster")
    with tab.expect_navigation():
        tab.mouse.click(x, y)
    assert urlsplit(tab.url).path == f"/en/cooperation/pairs/{pairing.pk}/"
    visitor.close()
