"""The dashboards' charts (core.charts): a series over quarters, bars by class, a map, targets.

Every chart carries its table and CSV (core.charts); a withheld cell shows as "…" in the
table and as a gap in the chart, never as a number.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wenchuang.core.charts import Chart
from wenchuang.core.money import format_number, format_percentage
from wenchuang.directory.parkmap import BORDER, LINE_COLOUR, PROVINCE_FILL, _outlines
from wenchuang.directory.parkmap_svg import (
    HEIGHT,
    MAIN,
    SEA,
    WIDTH,
    _path,
    _rings,
    clip_polygon,
    to_inset,
)
from wenchuang.reference.models import Region

from .figures import Figure, Point
from .growth import rounded
from .targets import TargetStanding

WITHHELD = "…"
REGION_MAP = "china-provinces-by-name"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round(value, 2))


def _cell(value: Decimal | None, suppressed: bool = False) -> str:
    if suppressed:
        return WITHHELD
    if value is None:
        return ""
    return format_number(Decimal(value).quantize(Decimal("0.01")).normalize())


def _pct(value: Decimal | None) -> str:
    return "" if value is None else format_percentage(rounded(value))


def series_chart(points: Sequence[Point], *, title: str) -> Chart:
    return Chart(
        id="series",
        title=title,
        columns=[_("Quarter"), _("Value"), _("Year-on-year growth"), _("Note")],
        rows=[[p.period.label, _cell(p.value, p.suppressed), _pct(p.yoy), p.note] for p in points],
        kind="line",
        extra=_line_option(points),
    )


def _line_option(points: Sequence[Point]) -> dict:
    return {
        "xAxis": {"type": "category", "data": [p.period.label for p in points]},
        "yAxis": {"type": "value"},
        "tooltip": {"trigger": "axis"},
        "series": [
            {
                "type": "line",
                "name": _("Value"),
                "data": [_number(p.value) for p in points],
                "connectNulls": False,
            }
        ],
    }


def class_chart(figures: Sequence[Figure], *, title: str) -> Chart:
    return Chart(
        id="by-class",
        title=title,
        columns=[_("Class"), _("Value"), _("Year-on-year growth"), _("Note")],
        rows=[
            [f"{f.key} {f.label}", _cell(f.value, f.suppressed), _pct(f.yoy), f.note]
            for f in figures
        ],
        extra={
            "xAxis": {"type": "category", "data": [f.key for f in figures]},
            "yAxis": {"type": "value"},
            "tooltip": {"trigger": "axis"},
            "series": [
                {"type": "bar", "name": _("Value"), "data": [_number(f.value) for f in figures]}
            ],
        },
    )


@functools.cache
def _province_svg(language: str) -> str:
    """Province outlines with each province a named element (ECharts regions), inset included."""
    names = {r.code: str(r.name) for r in Region.objects.filter(level=1)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}">']
    for province in _outlines()["provinces"]:
        rings = _rings(province["d"])
        main = [c for r in rings if len(c := clip_polygon(r, MAIN)) >= 3]
        sea = [[to_inset(p) for p in c] for r in rings if len(c := clip_polygon(r, SEA)) >= 3]
        d = _path(main + sea, True)
        if d:
            name = names.get(province["code"], province["code"]).replace('"', "")
            parts.append(
                f'<path name="{name}" fill="{PROVINCE_FILL}" stroke="{BORDER}" '
                f'stroke-width="0.8" d="{d}"/>'
            )
    parts.append(
        f'<path fill="none" stroke="{LINE_COLOUR}" stroke-width="1" d="'
        + _path([line for d in _outlines().get("lines", []) for line in _rings(d)], False)
        + '"/></svg>'
    )
    return "".join(parts)


def map_chart(figures: Sequence[Figure], *, title: str) -> Chart:
    """Provinces coloured by value (withheld ones stay grey)."""
    shown = [f for f in figures if f.value is not None]
    top = max((float(f.value) for f in shown), default=1.0)  # type: ignore[arg-type]
    return Chart(
        id="by-region",
        title=title,
        columns=[_("Region"), _("Value"), _("Year-on-year growth"), _("Note")],
        rows=[[f.label, _cell(f.value, f.suppressed), _pct(f.yoy), f.note] for f in figures],
        extra={
            "_svgMaps": {REGION_MAP: _province_svg(get_language() or "zh-hans")},
            "tooltip": {"trigger": "item"},  # the page's number format (static/js/charts.js)
            "visualMap": {
                "min": 0,
                "max": top or 1.0,
                "left": "left",
                "bottom": 0,
                "calculable": True,
                "inRange": {"color": ["#dbe8f6", "#1d5fa8"]},
            },
            "series": [
                {
                    "type": "map",
                    "map": REGION_MAP,
                    "roam": True,
                    "name": title,
                    "data": [{"name": f.label, "value": _number(f.value)} for f in shown],
                }
            ],
        },
    )


def target_chart(standings: Sequence[TargetStanding], *, title: str) -> Chart:
    labels = {
        "reached": _("reached"),
        "on_track": _("on track"),
        "at_risk": _("at risk"),
        "missed": _("missed"),
        "no_data": _("no data yet"),
    }
    return Chart(
        id="targets",
        title=title,
        columns=[_("Target"), _("Progress (%)"), _("Actual"), _("Target value"), _("Standing")],
        rows=[
            [
                str(s.target.name),
                _number(s.progress.share_done) if s.progress.share_done is not None else "",
                _cell(s.actual),
                _cell(s.target.target_value),
                str(labels[s.progress.standing]),
            ]
            for s in standings
        ],
        extra={
            "xAxis": {"type": "value", "max": 100},
            "yAxis": {"type": "category", "data": [str(s.target.name) for s in standings]},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": "35%"},
            "series": [
                {
                    "type": "bar",
                    "name": _("Progress (%)"),
                    "data": [
                        {
                            "value": _number(s.progress.share_done),
                            "itemStyle": {
                                "color": "#c8102e"
                                if s.progress.standing in ("at_risk", "missed")
                                else "#2e7d32"
                            },
                        }
                        for s in standings
                    ],
                }
            ],
        },
    )
