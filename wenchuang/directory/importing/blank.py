"""The blank file offered on the import page: the columns and their meaning, translated.

The second row explains each column in the reader's language. It starts with "#", which
marks a comment row the importer skips, so a person can fill the template in below it and
upload it as it is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .columns import COLUMNS, REQUIRED

COMMENT = "# "


@dataclass(frozen=True)
class ColumnHelp:
    name: str
    meaning: str
    required: bool


def column_help(kind: str) -> list[ColumnHelp]:
    """The accepted columns of a kind in export order, each with its meaning, translated."""
    required = set(REQUIRED[kind])
    help_rows = []
    for column in COLUMNS[kind]:
        meaning = str(column.meaning)
        if column.name in required:
            meaning = _("Required.") + " " + meaning
        elif column.name in ("name_zh_hans", "name_en"):
            meaning = _("A Chinese or an English name is required.") + " " + meaning
        help_rows.append(ColumnHelp(column.name, meaning, column.name in required))
    return help_rows


def _table(kind: str) -> list[list[str]]:
    columns = column_help(kind)
    meanings = [c.meaning for c in columns]
    meanings[0] = COMMENT + meanings[0]
    return [[c.name for c in columns], meanings]


def is_comment(cells: list[str]) -> bool:
    return bool(cells) and cells[0].startswith("#")


def template_csv(kind: str) -> bytes:
    """UTF-8 with a BOM, which Excel needs to show Chinese."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(_table(kind))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    for row in _table(kind):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
