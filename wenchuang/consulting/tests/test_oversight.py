"""Staff oversight: volumes, median response time, ratings and overdue requests, per provider,
per category and per month, for the staff member's jurisdiction only."""

import datetime

import pytest
from django.utils import timezone

from wenchuang.consulting import services
from wenchuang.consulting.models import ConsultingRequest
from wenchuang.consulting.oversight import oversight_for
from wenchuang.consulting.views.consultations import _oversight_charts

pytestmark = pytest.mark.django_db


def _answered_after(cast, provider, person, hours, rating=None):
    request = services.request_file(
        by=cast["rep"], category="legal", subject="商标", question="如何注册？", provider=provider
    )
    services.request_accept(request=request, by=person)
    services.request_answer(request=request, by=person, text="答复")
    ConsultingRequest.objects.filter(pk=request.pk).update(
        answered_at=request.filed_at + datetime.timedelta(hours=hours)
    )
    if rating:
        services.request_rate(request=request, by=cast["rep"], rating=rating)
    return request


def test_the_figures_per_provider_and_category(cast, firms):
    taihu, person = firms["taihu"], cast["provider"]
    _answered_after(cast, taihu, person, 2, rating=4)
    _answered_after(cast, taihu, person, 6, rating=5)
    _answered_after(cast, taihu, person, 200)  # after the 5-day deadline: overdue
    services.request_file(
        by=cast["rep"], category="legal", subject="合同", question="?", provider=firms["lihu"]
    )
    figures = oversight_for(cast["wuxi_staff"], now=timezone.now() + datetime.timedelta(days=6))
    by_provider = {f.key: f for f in figures.by_provider}
    mine = by_provider[taihu.pk]
    assert (mine.requests, mine.answered, mine.median_hours, mine.mean_rating) == (3, 3, 6, 4.5)
    assert mine.overdue == 1
    # The unanswered one at Lihu is past its deadline six days later.
    assert by_provider[firms["lihu"].pk].overdue == 1
    assert [(f.key, f.requests) for f in figures.by_category] == [("legal", 4)]
    assert figures.total.requests == 4 and figures.total.overdue == 2
    month = timezone.localtime().strftime("%Y-%m")
    assert [f.key for f in figures.by_month] == [month]
    chart = _oversight_charts(figures)[2]
    assert "Requests,Answered" in chart.csv_text().replace('"', "")


def test_staff_elsewhere_and_non_staff_see_nothing(cast, firms):
    _answered_after(cast, firms["taihu"], cast["provider"], 2)
    assert oversight_for(cast["dalian_staff"]).total.requests == 0
    assert oversight_for(cast["rep"]).total.requests == 0
    assert oversight_for(cast["national_staff"]).total.requests == 1
