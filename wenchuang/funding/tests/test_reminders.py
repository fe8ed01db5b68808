"""Reminders of reports due and overdue: once per period, in the recipient's language."""

import datetime

import pytest
from django.core import mail

from wenchuang.core.scheduling import periodic_jobs
from wenchuang.funding.reminders import reminder_key, send_report_reminders

from .factories import make_award

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 9, 30)  # the mid-term report's date in the factory's plan


def run(today, capture):
    with capture(execute=True):
        return send_report_reminders(today=today)


def test_the_worker_runs_the_reminders_daily():
    job = periodic_jobs()["funding_report_reminders"]
    assert job.every == datetime.timedelta(days=1)


def test_periods_due_then_weekly_while_overdue():
    assert reminder_key(DUE, datetime.date(2026, 9, 10)) == ""
    assert reminder_key(DUE, datetime.date(2026, 9, 16)) == "due"
    assert reminder_key(DUE, DUE) == "due"
    assert reminder_key(DUE, datetime.date(2026, 10, 1)) == "overdue-1"
    assert reminder_key(DUE, datetime.date(2026, 10, 7)) == "overdue-1"
    assert reminder_key(DUE, datetime.date(2026, 10, 8)) == "overdue-2"


def test_a_recipient_is_reminded_once_per_period_never_twice(
    cast, orgs, django_capture_on_commit_callbacks
):
    rep = cast["rep"]
    make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    assert run(datetime.date(2026, 9, 20), django_capture_on_commit_callbacks) == {
        "due": 1,
        "overdue": 0,
    }
    assert [m.to for m in mail.outbox] == [[rep.email]]
    # The same day again, and later in the same period: nothing more.
    assert run(datetime.date(2026, 9, 20), django_capture_on_commit_callbacks)["due"] == 0
    assert run(datetime.date(2026, 9, 29), django_capture_on_commit_callbacks)["due"] == 0
    assert len(mail.outbox) == 1
    # Overdue: once in the first week, once in the second.
    assert run(datetime.date(2026, 10, 1), django_capture_on_commit_callbacks)["overdue"] == 1
    assert run(datetime.date(2026, 10, 5), django_capture_on_commit_callbacks)["overdue"] == 0
    assert run(datetime.date(2026, 10, 8), django_capture_on_commit_callbacks)["overdue"] == 1
    assert len(mail.outbox) == 3
    assert mail.outbox[1].subject.startswith("逾期")  # the recipient reads Chinese


def test_an_unsigned_award_or_a_sent_report_is_not_reminded(
    cast, orgs, django_capture_on_commit_callbacks
):
    make_award(cast["wuxi_staff"], orgs["acme"])  # awaiting the agreement
    assert run(datetime.date(2026, 10, 1), django_capture_on_commit_callbacks) == {
        "due": 0,
        "overdue": 0,
    }


def test_the_reminder_reaches_each_recipient_in_their_language(
    cast, orgs, django_capture_on_commit_callbacks
):
    rep = cast["rep"]
    rep.language = "fr"
    rep.save(update_fields=["language"])
    make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    run(datetime.date(2026, 10, 1), django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject.startswith("En retard")
    assert "30 sept. 2026" in message.body
