"""Reads of the cube for dashboards, reports and open data: slices, series, yearly values, shares.

Public readers see released quarters only, with disclosure control applied (suppression.py);
staff see every quarter of their jurisdiction, unsuppressed. Views never sum returns
themselves: every figure here is one or two indexed reads of pre-aggregated cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wenchuang.core.regions import Jurisdiction, jurisdiction_of
from wenchuang.reference.models import IndustryCategory, Region

from .cube import NATIONAL
from .growth import growth, previous_quarter, rounded, share
from .models import ClassLevel, CubeCell, Indicator, Period, ReferenceValue, ReleasedCell
from .suppression import CellFacts, Group, suppressed_cells


@dataclass(frozen=True)
class Reader:
    """Who reads: the public (released quarters, suppressed cells) or staff of a jurisdiction."""

    user: Any
    public: bool
    jurisdiction: Jurisdiction | None = None  # read once: a page asks about many regions

    @classmethod
    def of(cls, user: Any, *, public: bool = False) -> Reader:
        jurisdiction = jurisdiction_of(user)
        return cls(user, public or jurisdiction is None, jurisdiction)

    def may_see_region(self, code: str) -> bool:
        if self.public:
            return True
        if self.jurisdiction is None:
            return False
        if code == NATIONAL:
            return any(r.level == 0 for r in self.jurisdiction.regions)
        return self.jurisdiction.covers(code)


@dataclass
class Figure:
    """A cell as a reader sees it."""

    key: str  # region or class code (the row's category)
    label: str
    value: Decimal | None
    quarter_value: Decimal | None
    contributors: int
    yoy: Decimal | None = None
    qoq: Decimal | None = None
    suppressed: bool = False
    note: str = ""


def shown_value(cell: CubeCell, indicator: Indicator) -> Decimal | None:
    """The figure an indicator publishes: a sum, a mean or a weighted mean of the values."""
    if indicator.aggregation == Indicator.Aggregation.MEAN:
        return cell.value / cell.contributors if cell.contributors else None
    if indicator.aggregation == Indicator.Aggregation.WEIGHTED_MEAN:
        if cell.weight_sum:
            return cell.weighted_sum / cell.weight_sum  # type: ignore[operator]
        return None
    return cell.value


def periods_for(reader: Reader) -> QuerySet[Period]:
    """The quarters a reader may see, latest first."""
    periods = Period.objects.order_by("-year", "-quarter")
    if reader.public:
        return periods.filter(status=Period.Status.RELEASED)
    return periods


def indicators_for(reader: Reader) -> QuerySet[Indicator]:
    indicators = Indicator.objects.exclude(reporter="reference").order_by("position", "code")
    return indicators.filter(public=True) if reader.public else indicators


def _cells(indicator: Indicator, period_ids: Sequence[int], **filters: Any) -> list[CubeCell]:
    return list(
        CubeCell.objects.filter(indicator=indicator, period_id__in=period_ids, park_id=0, **filters)
    )


def _period_pair(period: Period, *, quarter_before: bool = False) -> Period | None:
    year, quarter = (
        previous_quarter(period.year, period.quarter)
        if quarter_before
        else (period.year - 1, period.quarter)
    )
    return Period.objects.filter(year=year, quarter=quarter).first()


def _compared(cell: CubeCell | None) -> Decimal | None:
    if cell is None:
        return None
    return cell.quarter_value if cell.quarter_value is not None else cell.value


def _revision_notes(
    indicator: Indicator, period: Period, cells: Iterable[CubeCell]
) -> dict[tuple, str]:
    """Cells whose value changed after the release first published them: a note for each."""
    if period.status != Period.Status.RELEASED:
        return {}
    first = {
        (r.region_id, r.class_level, r.class_code): r
        for r in ReleasedCell.objects.filter(indicator=indicator, period=period, park_id=0)
    }
    notes = {}
    for cell in cells:
        released = first.get((cell.region_id, cell.class_level, cell.class_code))
        if released is not None and released.value != cell.value:
            notes[(cell.region_id, cell.class_level, cell.class_code)] = _(
                "Revised after release (first published as %(value)s)."
            ) % {"value": _plain(shown_value_of(released.value, cell, indicator))}
    return notes


def shown_value_of(value: Decimal, cell: CubeCell, indicator: Indicator) -> Decimal:
    if indicator.aggregation == Indicator.Aggregation.MEAN and cell.contributors:
        return value / cell.contributors
    return value


def _plain(value: Decimal) -> str:
    from wenchuang.core.money import format_number

    return format_number(value.quantize(Decimal("0.01")).normalize())


def _figures(
    reader: Reader,
    indicator: Indicator,
    period: Period,
    filters: dict[str, Any],
    key_of,
    labels: dict[str, str],
    total_region: str,
) -> list[Figure]:
    """The cells of one table (`filters`) with growth, suppression against their total, notes."""
    year_ago = _period_pair(period)
    before = _period_pair(period, quarter_before=True)
    compare = {p.pk: p for p in (year_ago, before) if p is not None}
    cells, history = [], {}
    for c in _cells(indicator, [period.pk, *compare], **filters):
        if not reader.may_see_region(c.region_id):
            continue
        if c.period_id == period.pk:
            cells.append(c)
        else:
            history[(c.period_id, key_of(c))] = c
    keyed = {key_of(c): c for c in cells}
    hidden: set = set()
    if reader.public:
        facts: dict[Any, CellFacts] = {
            k: CellFacts(c.value, c.contributors, c.largest) for k, c in keyed.items()
        }
        total = _cells(indicator, [period.pk], region_id=total_region, class_level=ClassLevel.ALL)
        groups = []
        if total:
            facts["__total__"] = CellFacts(total[0].value, total[0].contributors, total[0].largest)
            groups.append(Group("__total__", tuple(keyed)))
        hidden = suppressed_cells(facts, groups)
    notes = _revision_notes(indicator, period, cells)
    figures = []
    for key, c in sorted(keyed.items()):
        is_hidden = key in hidden
        yoy = qoq = None
        if not is_hidden and year_ago is not None:
            yoy = rounded(growth(_compared(c), _compared(history.get((year_ago.pk, key)))))
        if not is_hidden and before is not None:
            qoq = rounded(growth(c.quarter_value, _quarter(history.get((before.pk, key)))))
        figures.append(
            Figure(
                key=key,
                label=labels.get(key, key),
                value=None if is_hidden else shown_value(c, indicator),
                quarter_value=None if is_hidden else c.quarter_value,
                contributors=c.contributors,
                yoy=yoy,
                qoq=qoq,
                suppressed=is_hidden,
                note=notes.get((c.region_id, c.class_level, c.class_code), ""),
            )
        )
    return figures


def _quarter(cell: CubeCell | None) -> Decimal | None:
    return cell.quarter_value if cell is not None else None


def _by_class(cell: CubeCell) -> str:
    return cell.class_code


def _by_region(cell: CubeCell) -> str:
    return cell.region_id


def by_class(
    reader: Reader, indicator: Indicator, period: Period, region_code: str
) -> list[Figure]:
    """An indicator in a region and quarter, by major category of the classification."""
    labels = {
        c.code: str(c.name)
        for c in IndustryCategory.objects.filter(level=IndustryCategory.Level.MAJOR)
    }
    filters = {"region_id": region_code, "class_level": ClassLevel.MAJOR}
    return _figures(reader, indicator, period, filters, _by_class, labels, region_code)


def by_region(reader: Reader, indicator: Indicator, period: Period, parent: Region) -> list[Figure]:
    """An indicator in a quarter for the regions one level below `parent` (all classes)."""
    filters: dict[str, Any] = {"region_level": parent.level + 1, "class_level": ClassLevel.ALL}
    if parent.level == 1:
        filters["province_code"] = parent.code
    elif parent.level == 2:
        # The province too: the index is (period, region level, province, prefecture).
        filters["province_code"] = parent.code[:2] + "0000"
        filters["prefecture_code"] = parent.code
    names = {
        r.code: str(r.name)
        for r in Region.objects.filter(level=parent.level + 1, parent_id=parent.code)
    }
    if parent.level == 0:
        names = {r.code: str(r.name) for r in Region.objects.filter(level=1)}
    return _figures(reader, indicator, period, filters, _by_region, names, parent.code)


@dataclass
class Point:
    period: Period
    value: Decimal | None
    quarter_value: Decimal | None
    yoy: Decimal | None
    suppressed: bool
    note: str = ""


def series(
    reader: Reader, indicator: Indicator, region_code: str, *, limit: int = 12
) -> list[Point]:
    """An indicator in a region over the quarters a reader may see, oldest first, with yoy."""
    periods = list(periods_for(reader)[:limit])
    ids = [p.pk for p in periods]
    all_ids = ids + list(
        Period.objects.filter(
            year__in={p.year - 1 for p in periods}, quarter__in={p.quarter for p in periods}
        ).values_list("pk", flat=True)
    )
    cells = {
        c.period_id: c
        for c in _cells(indicator, all_ids, region_id=region_code, class_level=ClassLevel.ALL)
    }
    by_quarter = {(p.year, p.quarter): p.pk for p in Period.objects.filter(pk__in=all_ids)}
    points = []
    for period in reversed(periods):
        cell = cells.get(period.pk)
        if cell is None:
            continue
        hidden = reader.public and bool(
            suppressed_cells({0: CellFacts(cell.value, cell.contributors, cell.largest)})
        )
        before = cells.get(by_quarter.get((period.year - 1, period.quarter), -1))
        note = _revision_notes(indicator, period, [cell]).get(
            (cell.region_id, cell.class_level, cell.class_code), ""
        )
        points.append(
            Point(
                period=period,
                value=None if hidden else shown_value(cell, indicator),
                quarter_value=None if hidden else cell.quarter_value,
                yoy=None if hidden else rounded(growth(_compared(cell), _compared(before))),
                suppressed=hidden,
                note=note,
            )
        )
    return points


def yearly_value(codes: Iterable[str], region_code: str, year: int) -> Decimal | None:
    """The year's value of indicators (added up) in a region: the fourth quarter's cells.

    Cumulative indicators report January–December in Q4; the others are stocks at year end.
    """
    values = list(
        CubeCell.objects.filter(
            indicator__code__in=list(codes),
            region_id=region_code,
            period__year=year,
            period__quarter=4,
            class_level=ClassLevel.ALL,
            park_id=0,
        ).values_list("value", flat=True)
    )
    return sum(values, Decimal(0)) if values else None


def reference_value(code: str, region_code: str, year: int) -> Decimal | None:
    """A yearly reference series (GDP, service trade) as entered for the year's fourth quarter."""
    row = ReferenceValue.objects.filter(
        indicator__code=code,
        region_id=region_code,
        period__year=year,
        period__quarter=4,
        current=True,
    ).first()
    return row.value if row else None


def yearly_share(
    codes: Iterable[str], reference_code: str, region_code: str, year: int
) -> Decimal | None:
    """Indicators' yearly value as a percentage of a reference series (e.g. of service trade)."""
    return share(
        yearly_value(codes, region_code, year), reference_value(reference_code, region_code, year)
    )


# The shares the dashboards show: (numerator indicators, reference series, label).
SHARES = {
    "cultural_trade_share": (("cultural_exports", "cultural_imports"), "service_trade"),
    "value_added_share": (("value_added",), "gdp"),
}


def parks_above(code: str, region_code: str, year: int, threshold: Decimal) -> int:
    """How many parks of a region had a yearly value (Q4, year to date) at or above `threshold`."""
    from wenchuang.core.regions import placement

    region = Region.objects.filter(code=region_code).first()
    if region is None:
        return 0
    cells = CubeCell.objects.filter(
        indicator__code=code,
        period__year=year,
        period__quarter=4,
        region_level=4,
        class_level=ClassLevel.ALL,
        value__gte=threshold,
    )
    where = placement(region.code, region.level)
    if region.level == 1:
        cells = cells.filter(province_code=where.province_code)
    elif region.level >= 2:
        cells = cells.filter(prefecture_code=where.prefecture_code)
    return cells.count()
