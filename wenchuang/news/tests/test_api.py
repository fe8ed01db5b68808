"""The news API: published items for everybody, drafts for their jurisdiction's staff, writes."""

import datetime

import pytest
from django.utils import timezone

from wenchuang.accounts.services import api_token_create

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def test_visitors_read_published_items_in_their_language(client):
    policy = NewsItemFactory(published=True, policy=True, german=True)
    story = NewsItemFactory(published=True)
    NewsItemFactory(title_en="Secret draft")
    rows = client.get("/api/v1/news/items", HTTP_ACCEPT_LANGUAGE="de").json()
    assert rows["count"] == 2
    by_id = {r["id"]: r for r in rows["results"]}
    assert by_id[policy.pk]["title"] == "Maßnahmen zur Förderung der Kulturwirtschaft"
    assert (by_id[policy.pk]["language"], by_id[policy.pk]["fallback"]) == ("de", False)
    assert (by_id[story.pk]["language"], by_id[story.pk]["fallback"]) == ("en", True)
    assert by_id[policy.pk]["document_number"] == "锡政办发〔2026〕12号"
    only = client.get("/api/v1/news/items", {"kind": "policy"}).json()["results"]
    assert [r["id"] for r in only] == [policy.pk]


def test_staff_see_their_jurisdictions_drafts_and_nobody_elses(client, cast):
    draft = NewsItemFactory(title_en="Wuxi draft")
    assert client.get(f"/api/v1/news/items/{draft.pk}").status_code == 404
    wuxi = client.get("/api/v1/news/items", **bearer(cast["wuxi_staff"])).json()
    assert [r["id"] for r in wuxi["results"]] == [draft.pk]
    dalian = client.get("/api/v1/news/items", **bearer(cast["dalian_staff"])).json()
    assert dalian["count"] == 0
    refused = client.get(f"/api/v1/news/items/{draft.pk}", **bearer(cast["dalian_staff"]))
    assert refused.status_code == 403


def test_staff_write_a_draft_and_publish_it_through_the_api(client, cast):
    staff = bearer(cast["wuxi_staff"])
    created = client.post(
        "/api/v1/news/items",
        {
            "kind": "news",
            "region": "320200",
            "title_zh_hans": "无锡动漫节开幕",
            "body_zh_hans": "<p>开幕</p><script>alert(1)</script>",
        },
        content_type="application/json",
        **staff,
    )
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["status"] == "draft" and "<script" not in item["body"]
    refused = client.post(
        "/api/v1/news/items",
        {"kind": "news", "region": "210200", "title_zh_hans": "大连"},
        content_type="application/json",
        **staff,
    )
    assert refused.status_code == 403
    path = f"/api/v1/news/items/{item['id']}"
    stale = client.patch(
        path,
        {"kind": "news", "region": "320200", "title_zh_hans": "改"},
        content_type="application/json",
        HTTP_IF_MATCH="1",
        **staff,
    )
    assert stale.status_code == 409
    past = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    client.post(f"{path}/move", {"target": "review"}, content_type="application/json", **staff)
    late = client.post(
        f"{path}/move",
        {"target": "scheduled", "publish_at": past},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **staff,
    )
    assert late.status_code == 422 and "already passed" in late.content.decode()
    done = client.post(
        f"{path}/move", {"target": "published"}, content_type="application/json", **staff
    )
    assert done.status_code == 200 and done.json()["status"] == "published"
    assert client.get(path).json()["title"] == "无锡动漫节开幕"


def test_a_representative_cannot_write_or_move(client, cast):
    draft = NewsItemFactory(review=True)
    rep = bearer(cast["rep"])
    moved = client.post(
        f"/api/v1/news/items/{draft.pk}/move",
        {"target": "published"},
        content_type="application/json",
        **rep,
    )
    assert moved.status_code == 403
    draft.refresh_from_db()
    assert draft.status == "review"


def test_the_feeds_are_listed_per_language_and_kind(client):
    feeds = client.get("/api/v1/news/feeds").json()
    assert len(feeds) == 4 * 5
    german_policies = next(f for f in feeds if f["language"] == "de" and f["kind"] == "policy")
    assert german_policies["rss"] == "/de/news/policies/feed.rss"
    assert german_policies["atom"] == "/de/news/policies/feed.atom"


def test_a_member_chooses_the_digest_through_the_api(client, cast):
    from .factories import CategoryFactory

    CategoryFactory()
    member = bearer(cast["member"])
    assert client.get("/api/v1/news/subscription").status_code == 403
    assert client.get("/api/v1/news/subscription", **member).status_code == 404
    saved = client.put(
        "/api/v1/news/subscription",
        {"kinds": ["policy"], "categories": ["industry"]},
        content_type="application/json",
        **member,
    )
    assert saved.status_code == 200, saved.content
    assert (saved.json()["kinds"], saved.json()["categories"]) == (["policy"], ["industry"])
    again = client.get("/api/v1/news/subscription", **member).json()
    assert again["kinds"] == ["policy"] and again["active"] is True
    refused = client.put(
        "/api/v1/news/subscription",
        {"kinds": ["gossip"]},
        content_type="application/json",
        **member,
    )
    assert refused.status_code == 422
