"""Writes of statistics: submitting and revising returns, reference series, the quarter's moves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.permissions import require
from wenchuang.core.transitions import Conflict, transition

from . import permissions
from .calendar import due_date
from .cube_tasks import returns_arrived
from .models import (
    Indicator,
    Period,
    ReferenceValue,
    ReportingObligation,
    ReturnValue,
    StatReturn,
)
from .placing import fill_placement, reporter_key
from .validation import Checked, check_return, load_history
from .workflows import ENTER_REFERENCE, PERIOD, REVISE


@dataclass
class Submitted:
    """What a submission did: the return, whether it is new, which figures changed."""

    stat_return: StatReturn
    created: bool
    changed: list[str] = field(default_factory=list)


def period_refusal(period: Period) -> str:
    """Why a quarter takes no return or revision, or "" when it is open."""
    if period.status == Period.Status.OPEN:
        return ""
    return _(
        "%(period)s is closed for returns (%(status)s): a figure can no longer be submitted or "
        "revised. Ask the statistics centre to reopen it."
    ) % {"period": period.label, "status": period.get_status_display()}


def obligation_indicators(obligation: ReportingObligation) -> list[Indicator]:
    return list(obligation.indicators.order_by("position", "code"))


def _same(raw: Any, value: Decimal) -> bool:
    try:
        return Decimal(str(raw).strip().replace(",", "")) == value
    except Exception:
        return False


@transaction.atomic
def return_submit(
    *,
    obligation: ReportingObligation,
    period: Period,
    record: Any,
    values: Mapping[str, Any],
    by: Any,
    explanations: Mapping[str, str] | None = None,
    version: int | None = None,
) -> Submitted:
    """Submit a return, or revise it: each changed figure becomes a new revision.

    Refused as a whole (ValidationError per indicator code) when a figure breaks its
    indicator's rules or is suspicious without an explanation; refused when the quarter
    is not open. The same submission twice (a double click, two tabs) makes one return
    and no second revision; a revision based on an older version is refused.
    """
    kind = obligation.reporter
    require(permissions.can_report(by, kind, record))
    refusal = period_refusal(period)
    if refusal:
        raise ValidationError(refusal, code="period_closed")
    key = reporter_key(kind, record)
    existing = (
        StatReturn.objects.select_for_update()
        .filter(obligation=obligation, period=period, reporter_key=key)
        .first()
    )
    currents = _currents(existing)
    explained = dict(explanations or {})
    for code, current in currents.items():
        if code in values and _same(values[code], current.value) and not explained.get(code):
            explained[code] = current.explanation  # an explained figure stays explained
    indicators = obligation_indicators(obligation)
    class_code = getattr(record, "category_id", "") or ""
    history = load_history(obligation.pk, period, [key], peer_classes=[class_code])
    checked = check_return(
        indicators,
        values,
        explained,
        period=period,
        reporter_key=key,
        class_code=class_code,
        history=history,
    )
    if not checked.ok:
        raise ValidationError(
            {
                code: [ValidationError(m, code="invalid") for m in msgs]
                for code, msgs in checked.errors.items()
            }
        )
    changes = _changes(checked, currents, explained)
    if existing is not None and changes and version is not None and version != existing.version:
        raise Conflict(
            _("This return was revised meanwhile (now version %(version)d); reload it.")
            % {"version": existing.version}
        )
    created = False
    if existing is None:
        existing, created = _create_return(obligation, period, record, key, by)
        if not created:  # another tab made it a moment ago: this submission is a revision
            currents = _currents(existing)
            changes = _changes(checked, currents, explained)
    if not changes:
        return Submitted(existing, created=created)
    _write_values(existing, checked, currents, changes, explained, by)
    flagged = (
        ReturnValue.objects.filter(stat_return=existing, current=True).exclude(flags=[]).exists()
    )
    existing.status = StatReturn.Status.FLAGGED if flagged else StatReturn.Status.SUBMITTED
    if not created:
        existing.version += 1
    existing.save(update_fields=["status", "version", "updated_at"])
    _rederive_next_quarter(existing, checked, changes)
    audit_record(
        actor=by,
        action="submit" if created else REVISE,
        instance=existing,
        changes={
            code: [
                str(currents[code].value) if code in currents else None,
                str(checked.values[code]),
            ]
            for code in changes
        },
    )
    # The dashboards' cube catches up once this commits (not before: a rolled-back return
    # must not move it).
    returns_arrived()
    return Submitted(existing, created=created, changed=changes)


def _currents(stat_return: StatReturn | None) -> dict[str, ReturnValue]:
    if stat_return is None:
        return {}
    rows = ReturnValue.objects.filter(stat_return=stat_return, current=True).select_related(
        "indicator"
    )
    return {row.indicator.code: row for row in rows}


def _changes(
    checked: Checked, currents: Mapping[str, ReturnValue], explained: Mapping[str, str]
) -> list[str]:
    changed = []
    for code, value in checked.values.items():
        current = currents.get(code)
        if current is None or current.value != value:
            changed.append(code)
        elif (explained.get(code) or "") != current.explanation:
            changed.append(code)
    return changed


def _create_return(obligation, period, record, key, by) -> tuple[StatReturn, bool]:
    stat_return = StatReturn(
        obligation=obligation, period=period, submitted_by=by, submitted_at=timezone.now()
    )
    fill_placement(stat_return, obligation.reporter, record)
    try:
        with transaction.atomic():
            stat_return.save()
        return stat_return, True
    except IntegrityError:
        other = (
            StatReturn.objects.select_for_update()
            .filter(obligation=obligation, period=period, reporter_key=key)
            .first()
        )
        if other is None:
            raise
        return other, False


def _write_values(stat_return, checked, currents, changes, explained, by) -> None:
    by_code = {i.code: i for i in stat_return.obligation.indicators.all()}
    superseded = [currents[code].pk for code in changes if code in currents]
    if superseded:
        ReturnValue.objects.filter(pk__in=superseded).update(current=False)
    ReturnValue.objects.bulk_create(
        [
            ReturnValue(
                stat_return=stat_return,
                indicator=by_code[code],
                value=checked.values[code],
                single_quarter=checked.single_quarter.get(code),
                revision=currents[code].revision + 1 if code in currents else 1,
                current=True,
                explanation=(explained.get(code) or "").strip(),
                flags=checked.flags.get(code, []),
                created_by=by if getattr(by, "pk", None) else None,
            )
            for code in changes
        ]
    )


def _rederive_next_quarter(stat_return: StatReturn, checked: Checked, changes: list[str]) -> None:
    """A revised year-to-date figure changes what the next quarter alone amounted to."""
    period = stat_return.period
    if period.quarter == 4:
        return
    for code in changes:
        if code not in checked.single_quarter:
            continue
        ReturnValue.objects.filter(
            current=True,
            indicator__code=code,
            stat_return__obligation_id=stat_return.obligation_id,
            stat_return__reporter_key=stat_return.reporter_key,
            stat_return__period__year=period.year,
            stat_return__period__quarter=period.quarter + 1,
        ).update(single_quarter=F("value") - checked.values[code])


@transaction.atomic
def reference_value_set(
    *, indicator: Indicator, region: Any, period: Period, value: Any, by: Any, source: str = ""
) -> ReferenceValue:
    """Enter a reference series value (GDP, service trade); a changed one is a new revision."""
    require(permissions.can_enter_reference(by, region.code))
    if indicator.reporter != "reference":
        raise ValidationError(
            {"indicator": _("%(code)s is not a reference series.") % {"code": indicator.code}}
        )
    if period.status == Period.Status.RELEASED:
        raise ValidationError(
            _("%(period)s is released: its reference series can no longer change.")
            % {"period": period.label},
            code="period_closed",
        )
    from .validation import ValueProblem, parse_value

    try:
        parsed = parse_value(indicator, value)
    except ValueProblem as problem:
        raise ValidationError({"value": str(problem)}) from None
    if parsed is None:
        raise ValidationError({"value": _("This figure is required.")})
    current = (
        ReferenceValue.objects.select_for_update()
        .filter(indicator=indicator, region=region, period=period, current=True)
        .first()
    )
    if current is not None and current.value == parsed and current.source == source:
        return current
    if current is not None:
        ReferenceValue.objects.filter(pk=current.pk).update(current=False)
    row = ReferenceValue.objects.create(
        indicator=indicator,
        region=region,
        period=period,
        value=parsed,
        source=source,
        revision=current.revision + 1 if current else 1,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit_record(
        actor=by,
        action=ENTER_REFERENCE,
        instance=row,
        changes={indicator.code: [str(current.value) if current else None, str(parsed)]},
    )
    return row


def period_open(*, year: int, quarter: int, due_days: int = 20) -> Period:
    """The quarter in the calendar (made open if new); the calendar job calls this."""
    period, _created = Period.objects.get_or_create(
        year=year, quarter=quarter, defaults={"due_on": due_date(year, quarter, due_days)}
    )
    return period


@transaction.atomic
def period_move(*, period: Period, target: str, by: Any) -> Period:
    """Lock, reopen or release a quarter; of two staff releasing at once, one does it."""
    updates = {"released_at": timezone.now()} if target == Period.Status.RELEASED else {}
    transition(period, PERIOD, target, by=by, expected=period.status, updates=updates)
    period.refresh_from_db()
    return period
