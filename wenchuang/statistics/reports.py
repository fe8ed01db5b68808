"""The quarterly report: one PDF in Chinese then English (charts as SVG), and one XLSX workbook.

Both read the cube as staff do (nothing withheld: the report is for the agency; the public
reads the dashboards and open data). The commentary is generated from the same figures.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils import translation
from django.utils.translation import gettext as _

from wenchuang.core.documents import render_pdf
from wenchuang.reference.models import Region

from . import figures, targets
from .commentary import Movement, commentary
from .cube import NATIONAL
from .figures import Figure, Reader
from .models import Indicator, Period, Plan
from .targets import TargetStanding

LANGUAGES = ("zh-hans", "en")
BAR_COLOUR = "#1d5fa8"

Progress = Callable[[int, str], None]


@dataclass
class IndicatorLine:
    indicator: Indicator
    name: str
    figure: Figure | None


@dataclass
class ReportSection:
    """What one language's half of the report shows."""

    language: str
    region_name: str
    lines: list[IndicatorLine]
    classes: list[Figure]
    regions: list[Figure]
    standings: list[TargetStanding]
    sentences: list[str]
    chart_svg: str


def bar_svg(labels: Sequence[str], values: Sequence[Decimal | None], *, width: int = 640) -> str:
    """A horizontal bar chart as SVG (WeasyPrint draws it; no plotting library needed)."""
    shown = [(lbl, float(v)) for lbl, v in zip(labels, values, strict=True) if v is not None]
    top = max((v for _l, v in shown), default=1.0) or 1.0
    row, left = 18, 190
    height = row * len(shown) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans CJK SC" font-size="10">'
    ]
    for i, (label, value) in enumerate(shown):
        y = 5 + i * row
        bar = max((width - left - 80) * value / top, 0)
        parts.append(
            f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{escape(label[:24])}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{y + 2}" width="{bar:.1f}" height="{row - 5}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(f'<text x="{left + bar + 4:.1f}" y="{y + 12}">{value:,.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def section(period: Period, region: Region, language: str) -> ReportSection:
    """The figures of one quarter and region, labelled in `language`."""
    reader = _StaffEverywhere(user=None, public=False)
    with translation.override(language):
        lines = []
        movements = []
        for indicator in Indicator.objects.exclude(reporter="reference").order_by("position"):
            rows = figures.by_region(reader, indicator, period, region.parent or region)
            own = next((f for f in rows if f.key == region.code), None)
            if region.level == 0:
                own = _national(reader, indicator, period)
            lines.append(IndicatorLine(indicator, str(indicator.name), own))
            if own is not None:
                movements.append(Movement(str(indicator.name), own.yoy))
        revenue = Indicator.objects.filter(code="revenue").first()
        classes = figures.by_class(reader, revenue, period, region.code) if revenue else []
        for f in classes:
            movements.append(Movement(f"{_('revenue')} · {f.label}", f.yoy))
        regions = figures.by_region(reader, revenue, period, region) if revenue else []
        standings = [
            s for plan in Plan.objects.all() for s in targets.standings(plan, released_only=False)
        ]
        at_risk = [
            str(s.target.name) for s in standings if s.progress.standing in ("at_risk", "missed")
        ]
        sentences = commentary(movements, targets_at_risk=at_risk, period_label=period.label)
        svg = bar_svg([f"{f.key} {f.label}" for f in classes], [f.value for f in classes])
        return ReportSection(
            language, str(region.name), lines, classes, regions, standings, sentences, svg
        )


class _StaffEverywhere(Reader):
    """The report's reader: staff who see every region, nothing withheld."""

    def may_see_region(self, code: str) -> bool:
        return True


def _national(reader: Reader, indicator: Indicator, period: Period) -> Figure | None:
    series = figures.series(reader, indicator, NATIONAL, limit=40)
    point = next((p for p in series if p.period.pk == period.pk), None)
    if point is None:
        return None
    return Figure(
        key=NATIONAL,
        label="",
        value=point.value,
        quarter_value=point.quarter_value,
        contributors=0,
        yoy=point.yoy,
    )


def build_pdf(period: Period, region: Region, progress: Progress | None = None) -> bytes:
    sections = []
    for step, language in enumerate(LANGUAGES):
        if progress:
            progress(
                10 + 30 * step, _("Computing the figures (%(language)s)") % {"language": language}
            )
        sections.append(section(period, region, language))
    if progress:
        progress(70, _("Drawing the PDF"))
    with translation.override("zh-hans"):
        return render_pdf(
            "statistics/documents/quarterly_report.html",
            {
                "period": period,
                "sections": sections,
                "charts": [_data_url(s.chart_svg) for s in sections],
            },
        )


def build_xlsx(period: Period, region: Region) -> bytes:
    """The same tables as a workbook: indicators, classes, regions, targets (in English)."""
    from openpyxl import Workbook

    data = section(period, region, "en")
    book = Workbook()
    sheet = book.active
    sheet.title = "Indicators"
    sheet.append(["Indicator", "Code", "Value", "This quarter alone", "Year-on-year growth (%)"])
    for line in data.lines:
        f = line.figure
        sheet.append(
            [
                line.name,
                line.indicator.code,
                _float(f.value if f else None),
                _float(f.quarter_value if f else None),
                _float(f.yoy if f else None),
            ]
        )
    for title, rows in (("By class", data.classes), ("By region", data.regions)):
        ws = book.create_sheet(title)
        ws.append(["Code", "Name", "Revenue", "This quarter alone", "Year-on-year growth (%)"])
        for f in rows:
            ws.append([f.key, f.label, _float(f.value), _float(f.quarter_value), _float(f.yoy)])
    ws = book.create_sheet("Targets")
    ws.append(["Target", "Baseline", "Actual", "Target value", "Deadline", "Standing"])
    for s in data.standings:
        ws.append(
            [
                str(s.target.name),
                _float(s.target.baseline),
                _float(s.actual),
                _float(s.target.target_value),
                s.target.deadline,
                str(s.progress.standing),
            ]
        )
    ws = book.create_sheet("Commentary")
    for sentence in data.sentences:
        ws.append([sentence])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
