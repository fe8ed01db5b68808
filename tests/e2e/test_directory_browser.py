"""The directory in a real browser: language switching, search, sign-in, editing, the htmx cascade.

Run with `pytest tests/e2e`; the tests drive Debian's chromium (see conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from wenchuang.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ACME_ZH = "无锡灵动动漫科技有限公司"
RIVAL_ZH = "无锡新吴设计有限公司"


def path_is(expected: str):
    return lambda url: urlsplit(url).path == expected


@pytest.fixture
def site(reference_data, directory):
    """The small Wuxi directory of the root conftest, with the reference rows reloaded first."""
    return directory


def search_in_chinese_and_open_acme(page, acme) -> None:
    page.locator("#home-q").fill("动漫")
    page.locator("#home-q").press("Enter")
    page.wait_for_url(path_is("/enterprise/"))

    results = page.locator("#results table.records tbody")
    result = results.get_by_role("link", name=ACME_ZH)
    result.wait_for()
    assert RIVAL_ZH not in results.inner_text()

    result.click()
    page.wait_for_url(path_is(f"/enterprise/{acme.pk}/"))
    assert page.locator("main h1").inner_text().strip() == ACME_ZH
    # A visitor sees no contact details.
    assert "contact@acme.example.cn" not in page.content()


def test_visitor_switches_to_chinese_searches_and_opens_an_enterprise(page, site):
    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    with page.expect_navigation():
        page.locator('.language-switcher button[value="zh-hans"]').click()
    assert urlsplit(page.url).path == "/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    search_in_chinese_and_open_acme(page, site["acme"])


def test_visitor_searches_the_chinese_site_and_opens_an_enterprise(page, site):
    # An English browser that chose Chinese once lands on the Chinese site at `/`.
    page.goto("/en/")
    with page.expect_navigation():
        page.locator('.language-switcher button[value="zh-hans"]').click()
    page.goto("/")
    assert urlsplit(page.url).path == "/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert (
        page.locator('.language-switcher button[value="zh-hans"]').get_attribute("aria-current")
        == "true"
    )
    search_in_chinese_and_open_acme(page, site["acme"])


def test_a_french_browser_lands_on_french_and_keeps_the_language_it_chose(
    browser, live_server, site
):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    tab = context.new_page()
    try:
        tab.goto("/")
        assert urlsplit(tab.url).path == "/fr/"
        assert tab.locator("html").get_attribute("lang") == "fr"
        with tab.expect_navigation():
            tab.locator('.language-switcher button[value="de"]').click()
        assert urlsplit(tab.url).path == "/de/"
        # The next visit to the root still finds German: the choice outlives the page.
        tab.goto("/")
        assert urlsplit(tab.url).path == "/de/"
    finally:
        context.close()


def test_switching_from_chinese_to_english_keeps_the_page(page, site):
    page.goto("/enterprise/?q=动漫")
    with page.expect_navigation():
        page.locator('.language-switcher button[value="en"]').click()
    assert urlsplit(page.url).path == "/en/enterprise/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#results").get_by_role(
        "link", name="Wuxi Lingdong Animation Technology Co., Ltd."
    ).wait_for()


def test_representative_edits_own_profile_and_is_refused_on_the_rival(page, site, cast):
    acme, rival = site["acme"], site["rival"]
    rep = cast["rep"]
    page.goto("/en/")
    page.locator(".account").get_by_role("link", name="Sign in").click()
    page.wait_for_url(path_is("/en/accounts/login/"))
    page.locator("#id_username").fill(rep.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(path_is("/en/"))
    assert "rep" in page.locator(".account").inner_text()

    page.goto(f"/en/enterprise/{acme.pk}/")
    page.locator(".page-head").get_by_role("link", name="Edit").click()
    page.wait_for_url(path_is(f"/en/enterprise/{acme.pk}/edit/"))
    page.locator("#id_description_en").fill("Animated series, games and picture books.")
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url(path_is(f"/en/enterprise/{acme.pk}/"))
    assert "sent to centre staff" in page.locator("main .message").inner_text()
    # The change waits for validation: the published text is unchanged.
    assert "picture books" not in page.locator("main .description").inner_text()

    page.goto(f"/en/enterprise/{rival.pk}/")
    assert page.locator(".page-head").get_by_role("link", name="Edit").count() == 0
    response = page.goto(f"/en/enterprise/{rival.pk}/edit/")
    assert response is not None and response.status == 403
    refusal = page.locator("main [role=alert]").inner_text().strip()
    assert refusal == "You can edit only enterprises of your own organisation."


def test_choosing_a_province_fills_the_city_select(page, site):
    page.goto("/en/enterprise/")
    assert page.locator("#id_prefecture option").count() == 1  # only "all"

    with page.expect_response(re.compile(r"/regions/options/\?province=320000")):
        page.locator("select[name=province]").select_option("320000")
    wuxi = page.locator('#id_prefecture option[value="320200"]')
    wuxi.wait_for(state="attached")
    assert wuxi.inner_text() == "Wuxi"
    assert page.locator('#id_prefecture option[value="210200"]').count() == 0  # Dalian

    with page.expect_response(re.compile(r"/regions/options/\?prefecture=320200")):
        page.locator("#id_prefecture").select_option("320200")
    page.locator('#id_county option[value="320211"]').wait_for(state="attached")
    assert "Binhu" in page.locator("#id_county").inner_text()


def test_filters_chosen_through_the_cascade_filter_the_list(page, site):
    page.goto("/en/enterprise/")
    with page.expect_response(re.compile(r"/regions/options/")):
        page.locator("select[name=province]").select_option("320000")
    assert urlsplit(page.url).path == "/en/enterprise/"
    # Each choice reloads the selects below it (and the park select): wait for the new options.
    page.locator("#id_prefecture option[value='320200']").wait_for(state="attached")
    with page.expect_response(re.compile(r"/regions/options/")):
        page.locator("#id_prefecture").select_option("320200")
    page.locator("#id_county option[value='320214']").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    page.locator("#id_county").select_option("320214")
    with page.expect_response(re.compile(r"county=320214")):
        page.locator("form.filters button[type=submit]").click()
    assert urlsplit(page.url).path == "/en/enterprise/"
    results = page.locator("#results tbody")
    results.get_by_role("link", name="Xinwu Design Ltd").wait_for()
    # The answer is swapped in after it arrives: wait for the county's list, not only the answer.
    expect(results).not_to_contain_text("Lingdong")
