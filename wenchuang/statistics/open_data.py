"""The released series as open data: public cells, withheld where they would disclose someone.

Open data covers released quarters and public indicators, for the country, provinces and
prefectures, all classes and each major category. Disclosure control runs over the whole
set at once, with a group for each total and its parts along both dimensions (the classes
of a region, the regions under a region), so no withheld value can be derived by
subtracting published ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from wenchuang.reference.models import IndustryCategory, Region

from .cube import NATIONAL
from .figures import shown_value
from .models import ClassLevel, CubeCell, Indicator, Period, ReleasedCell
from .sdmx import ALL_CLASSES, Code, Codes, Observation, sdmx_period
from .suppression import CellFacts, Group, suppressed_cells

LANGUAGES = {"zh": "zh-hans", "en": "en", "fr": "fr", "de": "de"}


@dataclass(frozen=True)
class Release:
    observations: list[Observation]
    codes: Codes
    periods: list[Period]


def _key(c: CubeCell) -> tuple:
    return (c.period_id, c.indicator_id, c.region_id, c.class_level, c.class_code)


def _parent_region(c: CubeCell) -> str:
    return {1: NATIONAL, 2: c.province_code}.get(c.region_level, "")


def released(*, indicator_codes: list[str] | None = None) -> Release:
    periods = list(Period.objects.filter(status=Period.Status.RELEASED).order_by("year", "quarter"))
    indicators = {
        i.pk: i for i in Indicator.objects.filter(public=True).exclude(reporter="reference")
    }
    if indicator_codes:
        indicators = {k: i for k, i in indicators.items() if i.code in indicator_codes}
    cells = list(
        CubeCell.objects.filter(
            period__in=periods,
            indicator_id__in=list(indicators),
            park_id=0,
            region_level__lte=2,
            class_level__in=[ClassLevel.ALL, ClassLevel.MAJOR],
        )
    )
    facts = {_key(c): CellFacts(c.value, c.contributors, c.largest) for c in cells}
    parts: dict[tuple, list[tuple]] = defaultdict(list)
    for c in cells:
        if c.class_level == ClassLevel.MAJOR:
            parts[(c.period_id, c.indicator_id, c.region_id, ClassLevel.ALL, "")].append(_key(c))
        parent = _parent_region(c)
        if parent:
            total = (c.period_id, c.indicator_id, parent, c.class_level, c.class_code)
            parts[total].append(_key(c))
    hidden = suppressed_cells(facts, [Group(t, tuple(p)) for t, p in parts.items()])
    first = {
        (r.period_id, r.indicator_id, r.region_id, r.class_level, r.class_code): r.value
        for r in ReleasedCell.objects.filter(period__in=periods, park_id=0)
    }
    by_id = {p.pk: p for p in periods}
    observations = []
    for c in cells:
        key = _key(c)
        if key in hidden:
            continue
        indicator = indicators[c.indicator_id]
        value = shown_value(c, indicator)
        if value is None:
            continue
        note = ""
        if key in first and first[key] != c.value:
            note = f"revised; first published {shown_value_first(first[key], c, indicator)}"
        period = by_id[c.period_id]
        observations.append(
            Observation(
                indicator=indicator.code,
                region=c.region_id,
                class_code=c.class_code or ALL_CLASSES,
                period=sdmx_period(period.year, period.quarter),
                value=Decimal(value).quantize(Decimal("0.01")),
                unit=indicator.unit,
                note=note,
            )
        )
    observations.sort(key=lambda o: (o.indicator, o.region, o.class_code, o.period))
    return Release(observations, _codes(indicators.values(), observations), periods)


def shown_value_first(value: Decimal, cell: CubeCell, indicator: Indicator) -> str:
    if indicator.aggregation == Indicator.Aggregation.MEAN and cell.contributors:
        value = value / cell.contributors
    return str(Decimal(value).quantize(Decimal("0.01")))


def _names(obj, field: str = "name") -> dict[str, str]:
    names = {}
    for sdmx_lang, language in LANGUAGES.items():
        with translation.override(language):
            text = getattr(obj, f"{field}_{language.replace('-', '_')}", "") or ""
        if text:
            names[sdmx_lang] = text
    return names or {"en": str(obj)}


def _codes(indicators, observations: list[Observation]) -> Codes:
    regions = {o.region for o in observations} | {NATIONAL}
    classes = {o.class_code for o in observations} - {ALL_CLASSES}
    return Codes(
        indicators=[Code(i.code, _names(i)) for i in indicators],
        regions=[Code(r.code, _names(r)) for r in Region.objects.filter(code__in=regions)],
        classes=[Code(ALL_CLASSES, {"zh": "全部类别", "en": "All classes"})]
        + [Code(c.code, _names(c)) for c in IndustryCategory.objects.filter(code__in=classes)],
    )
