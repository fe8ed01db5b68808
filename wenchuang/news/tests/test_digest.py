"""Subscriptions: a member's digest by e-mail in their language, once, nothing sent twice."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from wenchuang.news import digest, services
from wenchuang.news.models import NewsItem

from .factories import CategoryFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def _published(minutes_ago: int, **kwargs) -> NewsItem:
    return NewsItemFactory(
        published=True,
        published_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **kwargs,
    )


def test_the_digest_brings_the_chosen_kinds_in_the_members_language_once(
    cast, django_capture_on_commit_callbacks
):
    member = cast["member"]
    member.language = "de"
    member.email = "member@example.org"
    member.save()
    subscription = services.subscription_save(by=member, kinds=["policy"], categories=[])
    subscription.sent_through = timezone.now() - datetime.timedelta(days=1)
    subscription.save()
    _published(60, policy=True, german=True)
    _published(30, title_zh_hans="一则新闻", title_en="A story")  # not a policy
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member@example.org"]
    assert "Maßnahmen zur Förderung der Kulturwirtschaft" in message.body
    assert "A story" not in message.body
    assert "/de/news/" in message.body
    # The job runs again (a restart, a second worker): nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests() == 0
    # The next day, only what is new since the last digest.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(now=tomorrow) == 0
    assert len(mail.outbox) == 1


def test_the_digest_follows_the_chosen_categories(cast, django_capture_on_commit_callbacks):
    member = cast["rep"]
    member.email = "rep@example.org"
    member.language = "en"
    member.save()
    industry = CategoryFactory()
    subscription = services.subscription_save(by=member, kinds=[], categories=[industry])
    subscription.sent_through = timezone.now() - datetime.timedelta(days=1)
    subscription.save()
    tagged = _published(10, title_en="Tagged story")
    tagged.categories.add(industry)
    _published(10, title_en="Untagged story")
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests()
    assert "Tagged story" in mail.outbox[0].body
    assert "Untagged story" not in mail.outbox[0].body


def test_a_visitor_cannot_subscribe_by_email_but_finds_the_feeds(client):
    page = client.get("/de/news/subscription/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_a_member_chooses_kinds_and_categories_on_the_page(client, cast):
    CategoryFactory()
    client.force_login(cast["member"])
    client.post(
        "/en/news/subscription/", {"kinds": ["policy", "call"], "categories": [], "active": "on"}
    )
    subscription = cast["member"].news_subscription
    assert subscription.kinds == ["call", "policy"] and subscription.active
    page = client.get("/en/news/subscription/").content.decode()
    assert re.search(r'<input[^>]*value="policy"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="news"[^>]*checked', page)
