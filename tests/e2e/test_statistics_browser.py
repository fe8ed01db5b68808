"""A quarterly return on a phone: the representative opens the pre-filled form, is refused a
bad figure in place (htmx), corrects it and lands on the return with its figures."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.statistics.models import ReportingObligation, StatReturn
from wenchuang.statistics.services import return_submit
from wenchuang.statistics.tests.conftest import ytd
from wenchuang.statistics.tests.factories import PeriodFactory

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_representative_files_a_return_on_a_phone(browser, live_server, cast, directory):
    obligation = ReportingObligation.objects.get(code="enterprise-quarterly")
    return_submit(
        obligation=obligation,
        period=PeriodFactory(year=2026, quarter=2),
        record=directory["acme"],
        values=ytd(2),
        by=cast["rep"],
    )
    open_quarter = PeriodFactory(year=2026, quarter=3)
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, has_touch=True, locale="zh-CN"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(cast["rep"].username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto("/statistics/")
    page.get_by_role("link", name="2026Q3").first.click()
    page.wait_for_url(lambda url: f"/statistics/report/{open_quarter.pk}/" in url)
    form_url = page.url
    assert page.locator("#id_revenue").input_value() == "15000000"  # last quarter's figure
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    page.locator("#id_revenue").fill("14000000")
    page.locator("#return-form button[type=submit]").tap()
    page.locator("#return-form .error").first.wait_for()
    assert "不能低于上季度的累计数" in page.locator("#return-form .error").first.inner_text()
    assert page.url == form_url and not StatReturn.objects.filter(period=open_quarter).exists()

    page.locator("#id_revenue").fill("22500000")
    page.locator("#id_value_added").fill("6300000")
    page.locator("#return-form button[type=submit]").tap()
    page.wait_for_url(lambda url: "/statistics/returns/" in urlsplit(url).path)
    assert "报表已提交" in page.locator("main").inner_text()
    assert "22,500,000" in page.locator("main").inner_text()
    context.close()
