"""Charts drawn in the browser by ECharts, each shown with its data table and a CSV download.

A view builds a `Chart` (a title, column headings, rows) and the template includes
`core/_chart.html` with it. The page always carries the table, which is the chart for
readers without JavaScript, screen readers and printing; the CSV link downloads the same
rows. ECharts (npm, served from /static/vendor/echarts/) draws it from an option built here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.utils.text import slugify

KINDS = ("bar", "line", "pie")


@dataclass(frozen=True)
class Link:
    """A table cell that links somewhere (a park's page); its text goes into the CSV."""

    text: str
    url: str

    def __str__(self) -> str:
        return str(self.text)


@dataclass
class Chart:
    """A small table of numbers: the first column names the categories, the others are series."""

    id: str
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    kind: str = "bar"
    # Extra ECharts option keys merged over the built option (colours, stacking, a map...).
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS and "series" not in self.extra:
            raise ValueError(f"unknown chart kind {self.kind!r}")

    @property
    def csv_name(self) -> str:
        return f"{slugify(self.id) or 'chart'}.csv"

    def option(self) -> dict[str, Any]:
        """The ECharts option: numbers only, no functions, so it travels as JSON."""
        categories = [str(row[0]) for row in self.rows] if "series" not in self.extra else []
        series_names = [str(c) for c in self.columns[1:]]
        option: dict[str, Any] = {
            "title": {"text": str(self.title), "left": "center", "textStyle": {"fontSize": 14}},
            "tooltip": {"trigger": "item" if self.kind == "pie" else "axis"},
            "aria": {"enabled": True},
        }
        if "series" in self.extra:  # a chart of its own shape (a map): only the common keys
            option.pop("tooltip")
            option.update(self.extra)
            return option
        if self.kind == "pie":
            option["series"] = [
                {
                    "type": "pie",
                    "name": series_names[0] if series_names else "",
                    "radius": "60%",
                    "data": [
                        {"name": name, "value": row[1]}
                        for name, row in zip(categories, self.rows, strict=True)
                    ],
                }
            ]
        else:
            option["legend"] = {"data": series_names, "bottom": 0}
            option["xAxis"] = {"type": "category", "data": categories}
            option["yAxis"] = {"type": "value"}
            option["series"] = [
                {"type": self.kind, "name": name, "data": [row[i + 1] for row in self.rows]}
                for i, name in enumerate(series_names)
            ]
        option.update(self.extra)
        return option

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([str(c) for c in self.columns])
        for row in self.rows:
            writer.writerow(["" if v is None else str(v) for v in row])
        return out.getvalue()

    def csv_href(self) -> str:
        """A data: address of the CSV (with a BOM, so that Excel reads Chinese as UTF-8)."""
        return "data:text/csv;charset=utf-8," + quote("\ufeff" + self.csv_text())
