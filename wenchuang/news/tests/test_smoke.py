import pytest

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_pages_render(client, cast):
    item = NewsItemFactory(published=True, policy=True, german=True)
    other = NewsItemFactory(published=True)
    for url in [
        "/de/news/",
        "/de/news/policies/",
        f"/de/news/{item.pk}/",
        f"/de/news/{other.pk}/",
        f"/de/news/{item.pk}/print/",
        "/de/news/feed.rss",
        "/de/news/policies/feed.atom",
        "/de/",
        "/api/v1/news/items",
        f"/api/v1/news/items/{item.pk}",
        "/api/v1/news/feeds",
        "/de/news/?q=动漫",
    ]:
        r = client.get(url, follow=True)
        assert r.status_code == 200, (url, r.content[:2000])
    client.force_login(cast["wuxi_staff"])
    for url in ["/news/manage/", "/news/new/", f"/news/{item.pk}/edit/", "/news/subscription/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
