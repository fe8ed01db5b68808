"""Reminders of reports on the use of funds, due soon or overdue, sent daily by the worker.

Each report is reminded once when it falls due (two weeks before its date) and then once per
week while it is overdue. The period's key is written with a conditional update before the
notification, so a second run, or two workers at once, never send the same reminder twice.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.scheduling import register_periodic

from .models import Award, UseReport
from .services import recipients_of
from .workflows import REMIND_REPORT

DUE_SOON_DAYS = 14
OVERDUE_PERIOD_DAYS = 7


def reminder_key(due_on: datetime.date, today: datetime.date) -> str:
    """The reminder period `today` falls in: "" (too early), "due", "overdue-1", "overdue-2"…"""
    if today > due_on:
        return f"overdue-{((today - due_on).days - 1) // OVERDUE_PERIOD_DAYS + 1}"
    if today >= due_on - datetime.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return ""


def _reportable(today: datetime.date):
    """Open reports the recipient can send now, due within the reminder window or past it."""
    progress = UseReport.objects.filter(
        kind=UseReport.Kind.PROGRESS,
        award__status__in=(Award.Status.PAYMENTS, Award.Status.REPORTING),
    )
    final = UseReport.objects.filter(
        kind=UseReport.Kind.FINAL, award__status=Award.Status.REPORTING
    )
    return (
        (progress | final)
        .filter(
            status__in=(UseReport.Status.DUE, UseReport.Status.REJECTED),
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("award", "award__recipient", "tranche")
        .order_by("due_on", "id")
    )


def send_report_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Remind recipients of reports due soon and overdue, once per period; returns the counts."""
    today = today or timezone.localdate()
    counts = {"due": 0, "overdue": 0}
    for report in _reportable(today):
        key = reminder_key(report.due_on, today)
        if not key or key == report.reminder_key:
            continue
        with transaction.atomic():
            # Claim the period first: of two runs at once, only one finds the old key.
            claimed = UseReport.objects.filter(
                pk=report.pk, reminder_key=report.reminder_key
            ).update(reminder_key=key)
            if not claimed:
                continue
            overdue = key != "due"
            recipients = list(recipients_of(report.award))
            notify(
                "funding_report_overdue" if overdue else "funding_report_due",
                recipients,
                {
                    "report": report,
                    "award": report.award,
                    "days_late": (today - report.due_on).days,
                },
                link=reverse_lazy("funding:award-detail", args=[report.award_id]),
            )
            audit_record(
                actor=None,
                action=REMIND_REPORT,
                instance=report.award,
                note=f"{report.kind} report due {report.due_on}: {key}, {len(recipients)} user(s)",
            )
        counts["overdue" if overdue else "due"] += 1
    return counts


register_periodic(
    "funding_report_reminders", every=datetime.timedelta(days=1), run=send_report_reminders
)
