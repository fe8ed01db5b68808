"""The calendar run by the worker: open the quarter just ended, remind who has not reported."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy

from wenchuang.accounts import roles
from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.scheduling import register_periodic

from .calendar import previous_quarter, quarter_of
from .completeness import _with_reported
from .models import Period, ReportingObligation
from .selectors import obligated_records
from .services import period_open
from .workflows import REMIND_REPORTERS

# Reporters who have not reported hear from us this many days before the due date.
REMIND_DAYS_BEFORE = 7
# Reporters are fetched and told in batches of this many.
BATCH = 500


@transaction.atomic
def calendar_upkeep(today: datetime.date | None = None) -> dict[str, int]:
    """Open the quarter that ended last (due after the longest obligation's days); once per
    quarter, a week before it is due, remind the representatives of every reporter that has
    not reported. Safe to run twice: the reminder is claimed by one conditional update."""
    today = today or timezone.localdate()
    obligations = list(
        ReportingObligation.objects.filter(active=True).exclude(
            reporter__in=["district", "reference"]
        )
    )
    due_days = max((o.due_days for o in obligations), default=20)
    year, quarter = previous_quarter(*quarter_of(today))
    period = period_open(year=year, quarter=quarter, due_days=due_days)
    if not period.is_open or today < period.due_on - datetime.timedelta(days=REMIND_DAYS_BEFORE):
        return {"reminded": 0}
    claimed = Period.objects.filter(pk=period.pk, reminded_at=None).update(
        reminded_at=timezone.now()
    )
    if not claimed:
        return {"reminded": 0}
    reminded = 0
    for obligation in obligations:
        late = (
            _with_reported(obligated_records(obligation), obligation, period)
            .filter(has_reported=False)
            .exclude(organisation=None)
        )
        for record in late.order_by("id").iterator(chunk_size=BATCH):
            people = list(roles.representatives(record.organisation_id))
            if not people:
                continue
            notify(
                "statistics_return_due",
                people,
                {"period": period, "obligation": obligation, "record": record},
                link=_form_link(period, obligation, record),
            )
            reminded += 1
    audit_record(
        actor=None,
        action=REMIND_REPORTERS,
        instance=period,
        note=f"{reminded} reporter(s) reminded",
    )
    return {"reminded": reminded}


def _report_url(period_pk: int, code: str, record_pk: int) -> str:
    return f"{reverse('statistics:report', args=[period_pk])}?obligation={code}&record={record_pk}"


# Lazy, so that each recipient gets the form in their own language.
_lazy_report_url = lazy(_report_url, str)


def _form_link(period, obligation, record):
    return _lazy_report_url(period.pk, obligation.code, record.pk)


register_periodic("statistics_calendar", every=datetime.timedelta(days=1), run=calendar_upkeep)
