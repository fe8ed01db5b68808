"""RSS and Atom feeds per language and per kind, parsed as a feed reader would."""

import feedparser
import pytest

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "policy": NewsItemFactory(published=True, policy=True, german=True),
        "story": NewsItemFactory(published=True, title_en="Animation festival"),
        "draft": NewsItemFactory(title_en="Unpublished draft"),
    }


def test_the_german_rss_feed_gives_german_titles_and_only_published_items(client, items):
    answer = client.get("/de/news/feed.rss")
    assert answer["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20" and feed.feed.language == "de"
    titles = [e.title for e in feed.entries]
    assert "Maßnahmen zur Förderung der Kulturwirtschaft" in titles
    assert "Animation festival" in titles  # no German: English, along the chain
    assert "Unpublished draft" not in titles
    assert all(e.link.startswith("http://testserver/de/news/") for e in feed.entries)


def test_the_atom_feed_of_one_kind_holds_that_kind_only(client, items):
    answer = client.get("/fr/news/policies/feed.atom")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [f"http://testserver/fr/news/{items['policy'].pk}/"]
    # French is missing: the English title, then Chinese.
    assert feed.entries[0].title.startswith("Measures to promote")


def test_the_list_page_announces_its_feed(client, items):
    page = client.get("/de/news/policies/").content.decode()
    assert 'type="application/rss+xml"' in page and 'href="/de/news/policies/feed.rss"' in page
