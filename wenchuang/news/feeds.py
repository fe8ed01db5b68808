"""RSS and Atom feeds of published items, per language (the URL's prefix) and per kind."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import NewsItem
from .reading import reading

FEED_ITEMS = 50
# URL segment of each kind's list and feeds.
KIND_SLUGS = {"news": "stories", "policy": "policies", "call": "calls", "event": "events"}


def feed_links(kind: str = "") -> dict[str, str]:
    """The RSS and Atom addresses of a kind's feed (all kinds for "") in the active language."""
    if kind:
        slug = KIND_SLUGS[kind]
        return {
            "rss": reverse(f"news:feed-rss-{slug}"),
            "atom": reverse(f"news:feed-atom-{slug}"),
        }
    return {"rss": reverse("news:feed-rss"), "atom": reverse("news:feed-atom")}


class NewsFeed(Feed):
    """RSS 2.0; each entry in the reader's language, else along the fallback chain."""

    kind = ""
    # None: Django writes the request's language (the URL's prefix) into the feed.
    language = None

    def title(self) -> str:
        from .views import KIND_TITLES

        return f"{KIND_TITLES[self.kind]} · {_('Wenchuang')}"

    def link(self) -> str:
        if self.kind:
            return reverse(f"news:list-{KIND_SLUGS[self.kind]}")
        return reverse("news:list")

    def description(self) -> str:
        return _("Releases of the cultural industry promotion agencies.")

    def items(self):
        items = NewsItem.objects.filter(status="published")
        if self.kind:
            items = items.filter(kind=self.kind)
        return items.order_by("-published_at", "-id")[:FEED_ITEMS]

    def item_title(self, item: NewsItem) -> str:
        return reading(item).title

    def item_description(self, item: NewsItem) -> str:
        shown = reading(item)
        return shown.summary or shown.title

    def item_link(self, item: NewsItem) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: NewsItem) -> str:
        return f"wenchuang-news-{item.pk}-{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return item.updated_at

    def item_categories(self, item: NewsItem) -> list[str]:
        return [str(item.get_kind_display())] + [str(c) for c in item.categories.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


def feeds_for(kind: str) -> tuple[type[Feed], type[Feed]]:
    rss = type(f"NewsFeed_{kind or 'all'}", (NewsFeed,), {"kind": kind})
    atom = type(f"NewsAtomFeed_{kind or 'all'}", (NewsAtomFeed,), {"kind": kind})
    return rss, atom
