"""Matches as CSV or XLSX: one row per match, the explanation in the reader's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .matching.explain import explain
from .models import Match

FORMATS = ("csv", "xlsx")


def _rows(matches: Iterable[Match]) -> list[list]:
    header = [
        _("Investor"),
        _("Project"),
        _("Category"),
        _("Score"),
        _("Structured fit"),
        _("Text similarity"),
        _("Rank for the investor"),
        _("Rank for the project"),
        _("Why"),
    ]
    rows: list[list] = [header]
    for m in matches:
        rows.append(
            [
                str(m.profile.investor),
                str(m.project),
                str(m.project.category),
                round(m.score, 4),
                round(m.fit, 4),
                round(m.similarity, 4),
                m.investor_rank or "",
                m.project_rank or "",
                explain(m.reasons),
            ]
        )
    return rows


def matches_response(matches: Iterable[Match], fmt: str, name: str) -> HttpResponse:
    rows = _rows(matches)
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Matches"))
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        # A byte-order mark, so that spreadsheet programs read the Chinese names right.
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
