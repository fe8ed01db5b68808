"""The calendar job (open the quarter, remind once), and staff's view of who has reported."""

import datetime

import pytest
from django.core import mail

from wenchuang.core.models import Notification
from wenchuang.statistics.models import Period
from wenchuang.statistics.reminders import calendar_upkeep
from wenchuang.statistics.services import return_submit
from wenchuang.statistics.tests.conftest import ytd

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporters(cast, directory):
    """Acme (above designated size) and two parks, with their people."""
    assert directory["acme"].above_designated_size and not directory["rival"].above_designated_size
    return {who: cast[who] for who in ("rep", "park_manager", "other_park_manager", "rival_rep")}


def test_the_quarter_opens_then_one_reminder_goes_to_who_has_not_reported(
    reporters, django_capture_on_commit_callbacks
):
    assert calendar_upkeep(datetime.date(2026, 10, 5)) == {"reminded": 0}
    period = Period.objects.get()
    assert (period.label, period.status, period.due_on) == (
        "2026Q3",
        "open",
        datetime.date(2026, 10, 20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_upkeep(datetime.date(2026, 10, 14)) == {"reminded": 3}
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"rep", "park_manager", "other_park_manager"} <= told and "rival_rep" not in told
    note = Notification.objects.filter(recipient__username="rep").first()
    assert "2026Q3" in note.subject and f"/statistics/report/{period.pk}/" in note.link
    assert any("2026Q3" in m.subject for m in mail.outbox)
    assert calendar_upkeep(datetime.date(2026, 10, 15)) == {"reminded": 0}  # once per quarter


def test_staff_see_who_has_not_reported_by_district(
    client, cast, directory, enterprise_obligation, reporters
):
    calendar_upkeep(datetime.date(2026, 10, 5))
    period = Period.objects.get()
    client.force_login(cast["wuxi_staff"])
    page = client.get(f"/en/statistics/completeness/?period={period.pk}&obligation=park-quarterly")
    text = page.content.decode()
    assert "0 of 2 have reported" in text and "Wuxi Studios" in text
    return_submit(
        obligation=enterprise_obligation,
        period=period,
        record=directory["acme"],
        values=ytd(3),
        by=cast["rep"],
    )
    page = client.get(f"/en/statistics/completeness/?period={period.pk}")
    text = page.content.decode()
    assert "1 of 1 have reported" in text and "Everyone has reported." in text
    assert "Returns received for 2026Q3" in text  # the bar chart and its table
    client.force_login(cast["dalian_staff"])
    text = client.get(f"/en/statistics/completeness/?period={period.pk}").content.decode()
    assert "0 of 0 have reported" in text
    client.force_login(cast["rep"])
    assert client.get("/en/statistics/completeness/").status_code == 403
