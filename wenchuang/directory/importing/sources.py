"""Reading the uploaded file: format and encoding sniffing, line counting, CSV and XLSX rows."""

from __future__ import annotations

import codecs
import csv
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

# Bytes read at a time when sniffing the encoding and counting lines.
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class _Source:
    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ","
    data_rows: int = 0


class _FileProblem(Exception):
    pass


def _sniff(path: Path) -> _Source:
    """Decide the format and encoding and count the rows, reading the file once in chunks."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04"):
        return _Source(path, "xlsx", data_rows=_xlsx_rows(path))
    if path.suffix.lower() == ".xlsx":
        raise _FileProblem(_("The file is not a valid XLSX workbook."))
    if not head:
        raise _FileProblem(_("The file is empty."))
    encoding = _text_encoding(path)
    lines, first_line, last_byte = _count_lines(path)
    if last_byte not in (b"\n", b""):
        lines += 1
    first = first_line.decode(encoding, errors="replace")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    return _Source(path, "csv", encoding, delimiter, max(0, lines - 1))


def _text_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        if fh.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
    # Chinese Excel saves CSV as GB18030 (it calls it "ANSI"); anything else that decodes as
    # neither is not a text table.
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    raise _FileProblem(
        _("The file is not a CSV text file in UTF-8 or GB18030; save it as CSV or XLSX.")
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _count_lines(path: Path) -> tuple[int, bytes, bytes]:
    lines = 0
    first_line = b""
    last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            if not first_line:
                first_line = chunk.split(b"\n", 1)[0]
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines, first_line, last


def _xlsx_rows(path: Path) -> int:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged zip
        raise _FileProblem(_("The file is not a valid XLSX workbook.")) from exc
    try:
        rows = workbook.worksheets[0].max_row if workbook.worksheets else 0
    finally:
        workbook.close()
    return max(0, (rows or 1) - 1)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _rows(source: _Source) -> Iterator[list[str]]:
    """Every row of the table as a list of stripped strings, the header first."""
    if source.format == "xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
        try:
            for values in workbook.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
        finally:
            workbook.close()
        return
    with source.path.open(encoding=source.encoding, newline="") as fh:
        for row in csv.reader(fh, delimiter=source.delimiter):
            yield [cell.strip() for cell in row]
