"""Consulting end to end in a real browser: an enterprise (in Chinese) files a legal question,
a certified law firm's lawyer (in English) accepts and answers it, and the enterprise rates
the answer — through the pages only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUBJECT = "合拍动画电影的著作权归属"
QUESTION = "我公司拟与法国制片方合拍动画电影，合作协议中的著作权归属条款应如何约定？"
ANSWER = "Agree on joint ownership in proportion to each party's investment, and register the work."


def tab(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def test_a_legal_question_is_asked_answered_and_rated(
    browser, live_server, reference_data, cast, orgs
):
    from wenchuang.consulting.models import ConsultingRequest
    from wenchuang.consulting.tests.factories import certified_provider

    firm, _ = certified_provider(
        organisation=orgs["lawyers"],
        person=cast["provider"],
        staff=cast["wuxi_staff"],
        name_en="Taihu Law Firm",
        name_zh_hans="太湖律师事务所",
    )
    for who, language in (("rep", "zh-hans"), ("provider", "en")):
        cast[who].language = language
        cast[who].save(update_fields=["language"])

    # 1. The enterprise asks, in Chinese; the routing sends it to the certified law firm.
    enterprise = tab(browser, live_server, "zh-CN")
    sign_in(enterprise, cast["rep"])
    enterprise.goto("/consulting/requests/new/")
    enterprise.locator("#id_category").select_option("legal")
    enterprise.locator("#id_subject").fill(SUBJECT)
    enterprise.locator("#id_question").fill(QUESTION)
    enterprise.locator("#id_language").select_option("zh-hans")
    enterprise.get_by_role("button", name="提交问题").click()
    enterprise.wait_for_url("**/consulting/requests/*/")
    assert "您的问题已发送给 太湖律师事务所" in enterprise.content()
    assert "待服务机构受理" in enterprise.locator("table.facts").inner_text()
    request = ConsultingRequest.objects.get(subject=SUBJECT)
    assert request.provider_id == firm.pk

    # 2. The law firm's lawyer, in English, accepts and answers.
    lawyer = tab(browser, live_server, "en-US")
    sign_in(lawyer, cast["provider"])
    lawyer.goto("/en/consulting/requests/")
    lawyer.get_by_role("link", name=SUBJECT).click()
    assert "waiting for the provider" in lawyer.locator("table.facts").inner_text()
    lawyer.get_by_role("button", name="Accept the request").click()
    assert "You have accepted the request." in lawyer.content()
    lawyer.get_by_label("Your answer").fill(ANSWER)
    lawyer.get_by_role("button", name="Send the answer").click()
    assert "Your answer has been sent." in lawyer.content()
    assert "answered" in lawyer.locator("table.facts").inner_text()

    # 3. The enterprise reads the answer and rates it.
    enterprise.reload()
    assert ANSWER in enterprise.locator("ol.thread").inner_text()
    enterprise.locator("#id_rating").select_option("5")
    enterprise.locator("#id_comment").fill("答复清楚，很有帮助。")
    enterprise.get_by_role("button", name="提交评分").click()
    assert "感谢您的评价" in enterprise.content()
    assert "5 / 5" in enterprise.locator("td.rating").inner_text()
    # Rated once: the form is gone.
    assert enterprise.get_by_role("button", name="提交评分").count() == 0
    request.refresh_from_db()
    assert (request.status, request.rating) == ("answered", 5)
    # The lawyer was told in English, the enterprise in Chinese.
    assert (
        cast["provider"]
        .notifications.filter(subject__startswith="Your answer was rated 5")
        .exists()
    )
    assert cast["rep"].notifications.filter(subject__startswith="您的咨询已答复").exists()
