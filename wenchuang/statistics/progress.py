"""How far a target is along the straight line from its baseline to its target value."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# A target counts as on track while it has reached this fraction of where the line says it
# should be today; a little slack, because quarterly figures move in steps.
ON_TRACK_SLACK = Decimal("0.95")


class Standing(enum.StrEnum):
    REACHED = "reached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


@dataclass(frozen=True, slots=True)
class Progress:
    standing: Standing
    share_done: Decimal | None  # 0–100: how much of the way from baseline to target
    expected_now: Decimal | None  # where the straight line is on `today`


def target_progress(
    *,
    baseline: Decimal,
    baseline_on: date,
    target: Decimal,
    deadline: date,
    actual: Decimal | None,
    today: date,
) -> Progress:
    """Compare `actual` with the linear path from (baseline_on, baseline) to (deadline, target).

    Works for targets that fall too (target < baseline): distances are measured along the path.
    """
    if actual is None:
        return Progress(Standing.NO_DATA, None, None)
    span = Decimal(target) - Decimal(baseline)
    total_days = max((deadline - baseline_on).days, 1)
    elapsed = min(max((today - baseline_on).days, 0), total_days)
    expected = Decimal(baseline) + span * Decimal(elapsed) / Decimal(total_days)
    if span == 0:
        done = Decimal(100)
    else:
        done = (Decimal(actual) - Decimal(baseline)) / span * 100
    reached = done >= 100
    if reached:
        standing = Standing.REACHED
    elif today >= deadline:
        standing = Standing.MISSED
    else:
        needed = (expected - Decimal(baseline)) / span * 100 if span else Decimal(0)
        standing = Standing.ON_TRACK if done >= needed * ON_TRACK_SLACK else Standing.AT_RISK
    return Progress(standing, max(min(done, Decimal(100)), Decimal(0)), expected)
