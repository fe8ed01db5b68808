"""Reminders of missing half-year outcome reports, sent by the worker once per pair and half.

When a half-year has ended, each confirmed or signed pair that has not reported on it is
reminded once: both parks' managers are told. The half's key is claimed with a conditional
update before the notification, so a second run, or two workers at once, never repeat it.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from wenchuang.core.notifications import notify
from wenchuang.core.scheduling import register_periodic

from .models import OutcomeReport, Pairing
from .services import managers_of


def last_half(today: datetime.date) -> tuple[int, int]:
    """The most recent half-year that has ended by `today`: (year, 1 or 2)."""
    return (today.year, 1) if today.month > 6 else (today.year - 1, 2)


def send_outcome_reminders(today: datetime.date | None = None) -> int:
    """Remind the pairs that have not reported on the last ended half-year; returns how many."""
    today = today or timezone.localdate()
    year, half = last_half(today)
    key = f"{year}H{half}"
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    reported = OutcomeReport.objects.filter(year=year, half=half).values("pairing_id")
    due = (
        Pairing.objects.filter(status__in=Pairing.TAKEN, created_at__date__lte=end)
        .exclude(pk__in=reported)
        .exclude(reminded_for=key)
        .select_related("batch", "carrying_park", "partner_park")
        .order_by("id")
    )
    sent = 0
    for pairing in due:
        with transaction.atomic():
            claimed = Pairing.objects.filter(
                pk=pairing.pk, reminded_for=pairing.reminded_for
            ).update(reminded_for=key)
            if not claimed:
                continue
            notify(
                "pairing_report_due",
                managers_of(pairing),
                {"pairing": pairing, "period": key},
                link=reverse_lazy("cooperation:pairing", args=[pairing.pk]),
            )
            sent += 1
    return sent


register_periodic(
    "cooperation_outcome_reminders", every=datetime.timedelta(days=1), run=send_outcome_reminders
)
