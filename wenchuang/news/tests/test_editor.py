"""The staff's pages: writing with the original beside each translation, refusals as messages."""

import datetime
import re

import pytest
from django.utils import timezone

from wenchuang.news.models import NewsItem

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def _form(**values) -> dict:
    base = {"kind": "news", "region": "320200", "source_language": "zh-hans"}
    return {**base, **values}


def test_staff_write_a_draft_and_see_the_original_beside_each_translation(client, cast):
    client.force_login(cast["wuxi_staff"])
    answer = client.post(
        "/en/news/new/",
        _form(title_zh_hans="无锡动漫节开幕", body_zh_hans="<p>开幕式在无锡举行。</p>"),
    )
    item = NewsItem.objects.get(title_zh_hans="无锡动漫节开幕")
    assert answer.status_code == 302 and answer["Location"] == f"/en/news/{item.pk}/edit/"
    page = client.get(answer["Location"]).content.decode()
    # The Chinese original stands beside the English, French and German fields.
    originals = re.findall(
        r'<div class="source-text" lang="zh-hans"[^>]*>\s*(.*?)\s*</div>', page, re.S
    )
    assert originals.count("无锡动漫节开幕") == 3
    assert "<p>开幕式在无锡举行。</p>" in originals


def test_a_refused_form_keeps_what_was_written(client, cast):
    client.force_login(cast["wuxi_staff"])
    answer = client.post(
        "/en/news/new/", _form(kind="policy", title_zh_hans="关于扶持动漫产业的若干意见")
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "A policy names the authority that issued it." in page
    assert 'value="关于扶持动漫产业的若干意见"' in page
    assert not NewsItem.objects.exists()


def test_scheduling_in_the_past_on_the_page_is_a_message_not_an_error(client, cast):
    item = NewsItemFactory(review=True)
    client.force_login(cast["wuxi_staff"])
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(
        f"/en/news/{item.pk}/move/",
        {"target": "scheduled", "publish_at": past, "expected": "review"},
        follow=True,
    )
    assert answer.status_code == 200
    assert "This time has already passed" in answer.content.decode()
    item.refresh_from_db()
    assert item.status == "review"
    soon = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/en/news/{item.pk}/move/",
        {"target": "scheduled", "publish_at": soon, "expected": "review"},
    )
    item.refresh_from_db()
    assert item.status == "scheduled" and item.publish_at > timezone.now()


@pytest.mark.parametrize(
    ("who", "status"),
    [("wuxi_staff", 200), ("dalian_staff", 403), ("rep", 403), ("public", 403)],
)
def test_only_the_jurisdictions_staff_open_the_editor(client, cast, who, status):
    item = NewsItemFactory()
    client.force_login(cast[who])
    assert client.get(f"/en/news/{item.pk}/edit/").status_code == status
    answer = client.post(f"/en/news/{item.pk}/move/", {"target": "review", "expected": "draft"})
    assert answer.status_code in ((302,) if status == 200 else (403,))
    assert NewsItem.objects.get(pk=item.pk).status == ("review" if status == 200 else "draft")


def test_the_editors_list_shows_the_jurisdictions_items_in_every_state(client, cast):
    mine = NewsItemFactory(title_en="Wuxi draft")
    NewsItemFactory(
        title_en="Dalian draft",
        region_id="210200",
        province_code="210000",
        prefecture_code="210200",
    )
    client.force_login(cast["wuxi_staff"])
    page = client.get("/en/news/manage/").content.decode()
    assert "Wuxi draft" in page and "Dalian draft" not in page
    assert f"/en/news/{mine.pk}/edit/" in page
    client.force_login(cast["rep"])
    assert client.get("/en/news/manage/").status_code == 403
