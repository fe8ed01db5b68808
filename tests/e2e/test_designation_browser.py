"""Designation in a real browser: an assessor fills in the form in Chinese, staff designate in
English, and the register shows the park with its chart."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.designation.standard import GOOD_VALUES
from wenchuang.designation.tests.factories import FieldAssessmentFactory

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARK_ZH = "无锡国家数字电影产业园"


def path_is(expected: str):
    return lambda url: urlsplit(url).path == expected


def sign_in(page, username: str, prefix: str) -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_an_assessor_submits_in_chinese_and_staff_designate_in_english(
    browser, live_server, page, reference_data, cast, orgs
):
    assessment = FieldAssessmentFactory(
        assessor=orgs["assessors"], park__name_zh_hans=PARK_ZH, park__name_en="Wuxi Studios"
    )
    # The assessor, in Chinese (the site's default language).
    sign_in(page, cast["assessor"].username, "")
    page.goto("/designation/assessments/")
    page.get_by_role("link", name=PARK_ZH).click()
    page.wait_for_url(path_is(f"/designation/assessments/{assessment.pk}/"))
    for key, value in GOOD_VALUES.items():
        field = page.locator(f"#id_i_{key}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))
    page.locator("#id_report").fill("园区运营规范，公共服务平台运转良好。")
    page.locator("button[name=submit]").click()
    page.wait_for_url(path_is(f"/designation/assessments/{assessment.pk}/"))
    assert "评估已提交。" in page.locator("main .message").inner_text()
    assert "83.75" in page.locator("main").inner_text()

    # Centre staff, in English, in their own browser.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    staff = context.new_page()
    sign_in(staff, cast["wuxi_staff"].username, "/en")
    staff.goto(f"/en/designation/assessments/{assessment.pk}/")
    staff.get_by_role("button", name="Designate this park").click()
    staff.wait_for_url(lambda url: "/assessments/" not in url)
    assert "The park is designated." in staff.locator("main .message").inner_text()
    assert "designated" in staff.locator("main .facts").inner_text()

    staff.goto("/en/designation/?status=designated")
    staff.get_by_role("link", name="Wuxi Studios").wait_for()
    # The chart is drawn beside its table.
    staff.locator("#chart-designations-by-status .chart-canvas[data-ready]").wait_for()
    context.close()
