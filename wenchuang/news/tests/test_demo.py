"""The demo's news: fifty items, the seed stories, policies, a call linked to a fund call."""

from wenchuang.news.demo import wipe_demo
from wenchuang.news.models import NewsItem


def test_the_demo_holds_fifty_items_of_every_kind_and_state(demo_db):
    items = NewsItem.objects.all()
    assert items.count() == 50
    assert set(items.values_list("kind", flat=True)) == set(NewsItem.Kind.values)
    assert set(items.values_list("status", flat=True)) == set(NewsItem.Status.values)
    # The seed stories, in the languages they came in: Shenzhen's forum in German only
    # (and Chinese), so an English reader sees the fallback.
    forum = items.get(title_de__startswith="Forum zur hochwertigen")
    assert forum.title_en == "" and forum.status == "published"
    assert items.filter(title_en__startswith="Weifang Association").exists()
    policies = items.filter(kind="policy")
    assert all(p.document_number and p.issuing_authority for p in policies)
    call = items.get(kind="call")
    assert call.call is not None and call.call.programme.kind == "fund"
    # Searchable: the demo went through the services, which keep search_text.
    assert items.filter(search_text__contains="潍坊").exists()


def test_the_demo_items_go_before_the_directory_is_wiped(demo_db):
    wipe_demo()
    assert not NewsItem.objects.exists()
