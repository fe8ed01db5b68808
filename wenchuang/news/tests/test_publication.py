"""Who may write and publish, the table's moves, scheduled publication (role × action)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenchuang.core.audit import history_for
from wenchuang.news import services
from wenchuang.news.models import NewsItem
from wenchuang.reference.models import Region

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db

STORY = {"kind": "news", "title_zh_hans": "无锡新闻", "title_en": "Wuxi news"}


@pytest.mark.parametrize(
    ("who", "region", "allowed"),
    [
        ("wuxi_staff", "320200", True),
        ("wuxi_staff", "320211", True),  # Binhu lies inside Wuxi
        ("jiangsu_staff", "320200", True),
        ("national_staff", "210200", True),
        ("district", "320211", True),
        ("district", "320200", False),  # a district official does not speak for the city
        ("dalian_staff", "320200", False),
        ("rep", "320200", False),
        ("expert", "320200", False),
        ("public", "320200", False),
    ],
)
def test_only_the_jurisdictions_staff_write_its_items(cast, who, region, allowed):
    place = Region.objects.get(code=region)
    if allowed:
        item = services.item_create(by=cast[who], region=place, data=STORY)
        assert item.status == "draft" and item.region_id == region
    else:
        with pytest.raises(PermissionDenied):
            services.item_create(by=cast[who], region=place, data=STORY)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("wuxi_staff", True), ("national_staff", True), ("dalian_staff", False), ("rep", False)],
)
def test_only_the_jurisdictions_staff_publish(cast, who, allowed):
    item = NewsItemFactory(review=True)
    if allowed:
        services.item_move(item=item, by=cast[who], target="published")
        item.refresh_from_db()
        assert item.status == "published" and item.published_at is not None
    else:
        with pytest.raises(PermissionDenied):
            services.item_move(item=item, by=cast[who], target="published")
        assert NewsItem.objects.get(pk=item.pk).status == "review"


def test_a_draft_goes_through_review_to_publication_and_the_archive(cast):
    staff = cast["wuxi_staff"]
    item = services.item_create(by=staff, region=Region.objects.get(code="320200"), data=STORY)
    with pytest.raises(ValidationError):
        services.item_move(item=item, by=staff, target="published")  # not straight from draft
    for target in ("review", "published", "archived"):
        item = services.item_move(item=item, by=staff, target=target)
        assert item.status == target
    actions = [e.action for e in history_for(item)]
    assert {"news_review", "news_publish", "news_archive", "create"} <= set(actions)


def test_scheduling_in_the_past_is_refused_with_a_message(cast):
    item = NewsItemFactory(review=True)
    past = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        services.item_move(item=item, by=cast["wuxi_staff"], target="scheduled", publish_at=past)
    assert "already passed" in str(refused.value)
    item.refresh_from_db()
    assert item.status == "review" and item.publish_at is None


def test_the_scheduler_publishes_due_items_once_at_their_time(cast):
    item = NewsItemFactory(review=True)
    soon = timezone.now() + datetime.timedelta(hours=2)
    services.item_move(item=item, by=cast["wuxi_staff"], target="scheduled", publish_at=soon)
    assert services.publish_due(now=timezone.now()) == 0
    assert NewsItem.objects.get(pk=item.pk).status == "scheduled"
    later = soon + datetime.timedelta(minutes=1)
    assert services.publish_due(now=later) == 1
    item.refresh_from_db()
    assert item.status == "published" and item.published_at == soon
    assert services.publish_due(now=later) == 0  # a second run finds nothing to do


def test_nobody_publishes_a_scheduled_item_by_hand_before_its_time(cast):
    item = NewsItemFactory(review=True)
    soon = timezone.now() + datetime.timedelta(hours=2)
    staff = cast["wuxi_staff"]
    services.item_move(item=item, by=staff, target="scheduled", publish_at=soon)
    with pytest.raises(PermissionDenied):
        services.item_move(item=item, by=staff, target="published")
    # Staff may cancel the schedule and publish now from review.
    services.item_move(item=item, by=staff, target="review")
    assert services.item_move(item=item, by=staff, target="published").status == "published"


def test_an_edit_from_an_older_version_is_refused(cast):
    from wenchuang.core.transitions import version_of

    item = NewsItemFactory()
    staff = cast["wuxi_staff"]
    old = version_of(item)
    services.item_update(item=item, by=staff, data={"title_en": "First"}, version=old)
    with pytest.raises(ValidationError):
        services.item_update(item=item, by=staff, data={"title_en": "Second"}, version=old)
    assert NewsItem.objects.get(pk=item.pk).title_en == "First"


def test_a_policy_must_name_its_authority_and_expire_after_it_takes_effect(cast):
    staff, wuxi = cast["wuxi_staff"], Region.objects.get(code="320200")
    with pytest.raises(ValidationError) as refused:
        services.item_create(by=staff, region=wuxi, data={**STORY, "kind": "policy"})
    assert "issuing_authority" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.item_create(
            by=staff,
            region=wuxi,
            data={
                **STORY,
                "kind": "policy",
                "issuing_authority": "无锡市人民政府",
                "effective_on": datetime.date(2026, 5, 1),
                "expires_on": datetime.date(2026, 1, 1),
            },
        )
    assert "expires_on" in refused.value.message_dict


def test_the_worker_job_publishes_what_is_due(cast):
    from django.core.management import call_command

    item = NewsItemFactory(review=True)
    soon = timezone.now() + datetime.timedelta(seconds=1)
    services.item_move(item=item, by=cast["wuxi_staff"], target="scheduled", publish_at=soon)
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now())  # its time has come
    call_command("schedule", "run", "news_publish_due")
    assert NewsItem.objects.get(pk=item.pk).status == "published"
