"""Where each target of a plan stands: its latest value and its place on the straight line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from wenchuang.directory.models import Enterprise
from wenchuang.directory.models import PublicationStatus as Published

from . import figures
from .models import Period, Plan, Target
from .progress import Progress, target_progress


@dataclass(frozen=True)
class TargetStanding:
    target: Target
    actual: Decimal | None
    year: int | None  # the year the actual value is of (None for a count of today)
    progress: Progress


def _codes(target: Target) -> list[str]:
    return [c.strip() for c in target.indicator_codes.split(",") if c.strip()]


def latest_year(*, released_only: bool) -> int | None:
    """The last year whose fourth quarter the reader may see."""
    periods = Period.objects.filter(quarter=4)
    if released_only:
        periods = periods.filter(status=Period.Status.RELEASED)
    return periods.order_by("-year").values_list("year", flat=True).first()


def actual_value(target: Target, year: int | None) -> Decimal | None:
    region = target.plan.region_id
    if target.measure == Target.Measure.ENTERPRISES_ABOVE_SIZE:
        # From the rule data: enterprises the size rule puts above designated size today.
        from wenchuang.core.regions import placement

        where = placement(region, target.plan.region.level)
        rows = Enterprise.objects.filter(status=Published.PUBLISHED, above_designated_size=True)
        level = target.plan.region.level
        if level == 1:
            rows = rows.filter(province_code=where.province_code)
        elif level == 2:
            rows = rows.filter(prefecture_code=where.prefecture_code)
        elif level == 3:
            rows = rows.filter(region_id=region)
        return Decimal(rows.count())
    if year is None:
        return None
    if target.measure == Target.Measure.SHARE:
        return figures.yearly_share(_codes(target), target.reference_code, region, year)
    if target.measure == Target.Measure.PARKS_ABOVE:
        return Decimal(
            figures.parks_above(_codes(target)[0], region, year, target.threshold or Decimal(0))
        )
    return figures.yearly_value(_codes(target), region, year)


def standings(
    plan: Plan, *, released_only: bool, today: date | None = None
) -> list[TargetStanding]:
    """Every target of a plan with its actual value and whether it is on track."""
    today = today or timezone.localdate()
    year = latest_year(released_only=released_only)
    result = []
    for target in plan.targets.select_related("plan__region"):
        actual = actual_value(target, year)
        measured = None if target.measure == Target.Measure.ENTERPRISES_ABOVE_SIZE else year
        # A yearly figure is where the line was at that year's end, not where it is today.
        progress = target_progress(
            baseline=target.baseline,
            baseline_on=target.baseline_on,
            target=target.target_value,
            deadline=target.deadline,
            actual=actual,
            today=date(measured, 12, 31) if measured else today,
        )
        result.append(TargetStanding(target, actual, measured, progress))
    return result
