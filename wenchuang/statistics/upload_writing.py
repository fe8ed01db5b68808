"""Writing checked rows of an upload: new returns and revisions in bulk, in one transaction."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .cube_tasks import returns_arrived
from .models import ReturnValue, StatReturn
from .placing import fill_placement, reporter_key
from .services import obligation_indicators

# Rows per bulk insert.
BATCH = 2000


@transaction.atomic
def write_checked(checked, by) -> int:
    """Create or revise every return; one audit event per (obligation, quarter) of the file."""
    written = 0
    groups: dict[tuple[int, int], list] = defaultdict(list)
    for row, result in checked:
        groups[(row.obligation.pk, row.period.pk)].append((row, result))
    for items in groups.values():
        obligation, period = items[0][0].obligation, items[0][0].period
        indicators = {i.code: i for i in obligation_indicators(obligation)}
        keys = {
            reporter_key(obligation.reporter, row.record): (row, result) for row, result in items
        }
        existing = {}
        for start in range(0, len(keys), 900):
            chunk = list(keys)[start : start + 900]
            for r in StatReturn.objects.select_for_update().filter(
                obligation=obligation, period=period, reporter_key__in=chunk
            ):
                existing[r.reporter_key] = r
        currents: dict[int, dict[str, ReturnValue]] = defaultdict(dict)
        ids = [r.pk for r in existing.values()]
        for start in range(0, len(ids), 900):
            for v in ReturnValue.objects.filter(
                stat_return_id__in=ids[start : start + 900], current=True
            ).select_related("indicator"):
                currents[v.stat_return_id][v.indicator.code] = v
        now = timezone.now()
        new_returns = []
        for key, (row, _result) in keys.items():
            if key not in existing:
                r = StatReturn(
                    obligation=obligation, period=period, submitted_by=by, submitted_at=now
                )
                fill_placement(r, obligation.reporter, row.record)
                new_returns.append(r)
        StatReturn.objects.bulk_create(new_returns, batch_size=BATCH)
        if new_returns and new_returns[0].pk is None:  # backends without RETURNING
            for r in StatReturn.objects.filter(
                obligation=obligation,
                period=period,
                reporter_key__in=[n.reporter_key for n in new_returns],
            ):
                existing[r.reporter_key] = r
        else:
            existing.update({r.reporter_key: r for r in new_returns})
        superseded, values, revised = [], [], []
        for key, (row, result) in keys.items():
            stat_return = existing[key]
            mine = currents.get(stat_return.pk, {})
            changed = False
            for code, value in result.values.items():
                current = mine.get(code)
                why = (
                    row.explanations.get(code)
                    or (current.explanation if current and current.value == value else "")
                ).strip()
                if current is not None and current.value == value and current.explanation == why:
                    continue
                changed = True
                if current is not None:
                    superseded.append(current.pk)
                values.append(
                    ReturnValue(
                        stat_return=stat_return,
                        indicator=indicators[code],
                        value=value,
                        single_quarter=result.single_quarter.get(code),
                        revision=current.revision + 1 if current else 1,
                        explanation=why,
                        flags=result.flags.get(code, []),
                        created_by=by if getattr(by, "pk", None) else None,
                    )
                )
            if changed:
                written += 1
                if mine:
                    revised.append(stat_return.pk)
                stat_return.status = (
                    StatReturn.Status.FLAGGED
                    if any(result.flags.values())
                    else StatReturn.Status.SUBMITTED
                )
        for start in range(0, len(superseded), 900):
            ReturnValue.objects.filter(pk__in=superseded[start : start + 900]).update(current=False)
        ReturnValue.objects.bulk_create(values, batch_size=BATCH)
        flagged = [r.pk for r in existing.values() if r.status == StatReturn.Status.FLAGGED]
        for start in range(0, len(flagged), 900):
            StatReturn.objects.filter(pk__in=flagged[start : start + 900]).update(
                status=StatReturn.Status.FLAGGED
            )
        for start in range(0, len(revised), 900):
            StatReturn.objects.filter(pk__in=revised[start : start + 900]).update(
                version=F("version") + 1, updated_at=now
            )
    if written:
        returns_arrived()  # the cube catches up after the upload commits
    return written
