"""Requests: routing, declining, the thread, answering, rating, escalation, notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenchuang.consulting import services
from wenchuang.consulting.models import ConsultingRequest, Decline

pytestmark = pytest.mark.django_db

QUESTION = "我公司拟与外方合拍动画电影，合作协议中的著作权归属条款应如何约定？"


def ask(cast, **over):
    data = {
        "by": cast["rep"],
        "category": "legal",
        "subject": "合拍动画电影的著作权归属",
        "question": QUESTION,
        "language": "zh-hans",
    }
    return services.request_file(**{**data, **over})


def test_a_request_goes_to_the_least_loaded_certified_provider(cast, firms):
    first = ask(cast)
    second = ask(cast)
    assert {first.provider_id, second.provider_id} == {firms["taihu"].pk, firms["lihu"].pk}
    assert first.status == second.status == "waiting"
    assert first.region_id == "320211" and first.prefecture_code == "320200"


def test_a_category_nobody_is_certified_for_is_left_for_staff(cast, firms):
    stranded = ask(cast, category="technology")
    assert stranded.status == "unassigned" and stranded.provider_id is None
    assert cast["wuxi_staff"].notifications.filter(event="consulting_request_unassigned").exists()


def test_the_enterprise_may_pick_a_certified_provider(cast, firms):
    picked = ask(cast, provider=firms["lihu"])
    assert picked.provider_id == firms["lihu"].pk and picked.picked
    with pytest.raises(ValidationError):
        ask(cast, category="investment", provider=firms["lihu"])


def test_a_decline_needs_a_reason_and_sends_the_request_to_the_next_provider(cast, firms):
    request = ask(cast, provider=firms["taihu"])
    with pytest.raises(ValidationError):
        services.request_decline(request=request, by=cast["provider"], reason="  ")
    moved = services.request_decline(request=request, by=cast["provider"], reason="利益冲突")
    assert moved.provider_id == firms["lihu"].pk and moved.status == "waiting"
    assert Decline.objects.get(request=request).reason == "利益冲突"
    # The second provider declines too: nobody is left, staff are told.
    last = services.request_decline(request=moved, by=firms["other_provider"], reason="no capacity")
    assert last.status == "unassigned" and last.provider_id is None


def test_only_the_assigned_provider_accepts_answers_and_declines(cast, firms):
    request = ask(cast, provider=firms["taihu"])
    for act in (
        lambda: services.request_accept(request=request, by=firms["other_provider"]),
        lambda: services.request_decline(request=request, by=firms["other_provider"], reason="x"),
        lambda: services.request_answer(request=request, by=firms["other_provider"], text="x"),
        lambda: services.request_answer(request=request, by=cast["rep"], text="x"),
    ):
        with pytest.raises((PermissionDenied, ValidationError)):
            act()
    assert ConsultingRequest.objects.get(pk=request.pk).status == "waiting"


def test_the_whole_way_from_question_to_rating(cast, firms):
    request = ask(cast, provider=firms["taihu"])
    provider, rep = cast["provider"], cast["rep"]
    services.request_accept(request=request, by=provider)
    services.message_post(request=request, by=provider, text="合拍方是哪国企业？")
    services.message_post(request=request, by=rep, text="法国。")
    services.request_answer(request=request, by=provider, text="建议约定双方按出资比例共有著作权。")
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_at is not None
    assert [m.side for m in request.messages.all()] == ["provider", "enterprise", "provider"]
    assert rep.notifications.filter(event="consulting_request_answered").exists()

    services.request_rate(request=request, by=rep, rating=5, comment="清楚实用")
    request.refresh_from_db()
    assert (request.rating, request.rating_comment) == (5, "清楚实用")
    with pytest.raises(PermissionDenied, match="already been rated"):
        services.request_rate(request=request, by=rep, rating=1)
    services.request_close(request=request, by=rep)
    request.refresh_from_db()
    assert request.status == "closed" and request.rating == 5


def test_nobody_rates_someone_elses_request_nor_out_of_range(cast, firms):
    request = ask(cast, provider=firms["taihu"])
    services.request_accept(request=request, by=cast["provider"])
    with pytest.raises(PermissionDenied):  # not answered yet
        services.request_rate(request=request, by=cast["rep"], rating=4)
    services.request_answer(request=request, by=cast["provider"], text="答复")
    for who in (cast["rival_rep"], cast["provider"], cast["wuxi_staff"]):
        with pytest.raises(PermissionDenied):
            services.request_rate(request=request, by=who, rating=4)
    with pytest.raises(ValidationError):
        services.request_rate(request=request, by=cast["rep"], rating=6)
    assert ConsultingRequest.objects.get(pk=request.pk).rating is None


def test_unanswered_requests_escalate_to_staff_once(cast, firms):
    request = ask(cast, provider=firms["taihu"])
    answered = ask(cast, provider=firms["lihu"])
    services.request_accept(request=answered, by=firms["other_provider"])
    services.request_answer(request=answered, by=firms["other_provider"], text="答复")
    later = timezone.now() + datetime.timedelta(days=6)
    assert services.requests_escalate(later) == 1
    assert services.requests_escalate(later) == 0
    request.refresh_from_db()
    assert request.escalated_at is not None
    assert (
        cast["wuxi_staff"].notifications.filter(event="consulting_request_escalated").count() == 1
    )


def test_each_recipient_is_told_in_their_own_language(cast, firms):
    cast["provider"].language = "en"
    cast["provider"].save(update_fields=["language"])
    cast["rep"].language = "zh-hans"
    cast["rep"].save(update_fields=["language"])
    request = ask(cast, provider=firms["taihu"])
    told = cast["provider"].notifications.get(event="consulting_request_assigned")
    assert told.subject.startswith("New consulting request") and told.language == "en"
    services.request_accept(request=request, by=cast["provider"])
    told = cast["rep"].notifications.get(event="consulting_request_accepted")
    assert told.language == "zh-hans" and told.subject.startswith("您的咨询已受理")


def test_staff_assign_a_request_no_provider_could_take(cast, firms):
    stranded = ask(cast, provider=firms["taihu"])
    stranded = services.request_decline(request=stranded, by=cast["provider"], reason="忙")
    stranded = services.request_decline(request=stranded, by=firms["other_provider"], reason="忙")
    assert stranded.status == "unassigned"
    for who in (cast["rep"], cast["provider"], cast["dalian_staff"]):
        with pytest.raises(PermissionDenied):
            services.request_assign(request=stranded, by=who)
    assigned = services.request_assign(
        request=stranded, by=cast["wuxi_staff"], provider=firms["lihu"]
    )
    assert assigned.status == "waiting" and assigned.provider_id == firms["lihu"].pk
    assert (
        firms["other_provider"].notifications.filter(event="consulting_request_assigned").count()
        == 2
    )
