"""The information release in a real browser: a German visitor reads a policy in German, sees
the fallback note on an untranslated item, and subscribes to the policies' feed."""

from __future__ import annotations

import feedparser
import pytest

from wenchuang.news.tests.factories import NewsItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def german_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def test_a_german_visitor_reads_a_policy_sees_the_fallback_and_subscribes(
    german_page, reference_data
):
    page = german_page
    policy = NewsItemFactory(published=True, policy=True, german=True)
    untranslated = NewsItemFactory(
        published=True,
        policy=True,
        title_zh_hans="关于文化产业园区认定的通知",
        title_en="Notice on the recognition of culture parks",
        document_number="锡文旅发〔2026〕5号",
    )
    # The browser asks for German: the home page answers in German, with the news menu.
    page.goto("/")
    page.wait_for_url("**/de/")
    page.get_by_role("link", name="Meldungen", exact=True).first.click()
    page.get_by_role("link", name="Regelungen", exact=True).click()
    page.wait_for_url("**/de/news/policies/")
    # The German policy, in German, with its document number; no fallback note.
    page.get_by_role("link", name="Maßnahmen zur Förderung der Kulturwirtschaft").click()
    page.wait_for_url(f"**/de/news/{policy.pk}/")
    assert page.locator("h1").inner_text() == "Maßnahmen zur Förderung der Kulturwirtschaft"
    assert "锡政办发〔2026〕12号" in page.locator("table.facts").inner_text()
    assert page.locator(".fallback-note").count() == 0
    # The untranslated one says which language it is shown in.
    page.go_back()
    page.get_by_role("link", name="Notice on the recognition of culture parks").click()
    page.wait_for_url(f"**/de/news/{untranslated.pk}/")
    note = page.locator(".fallback-note").inner_text()
    assert note == "Diese Meldung ist nicht auf Deutsch verfügbar; angezeigt auf Englisch."
    # Subscribing: the page's feed link is the German policies' feed, which a reader parses.
    page.go_back()
    link = page.get_by_role("link", name="Abonnieren (RSS)")
    href = link.get_attribute("href")
    assert href == "/de/news/policies/feed.rss"
    answer = page.request.get(href)
    assert answer.ok and answer.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(answer.body())
    assert not feed.bozo and feed.feed.language == "de"
    assert [e.title for e in feed.entries] == [
        "Notice on the recognition of culture parks",
        "Maßnahmen zur Förderung der Kulturwirtschaft",
    ]
