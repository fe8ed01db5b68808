"""Reading an uploaded table: format and encoding sniffing, line counting, CSV and XLSX rows.

The directory's importer and the statistics uploads read their files through this.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Bytes read at a time when sniffing the encoding and counting lines.
CHUNK_BYTES = 1 << 20
# Bytes of a CSV file charset-normalizer looks at when the file is not UTF-8.
ENCODING_SAMPLE_BYTES = 256 * 1024
# An XLSX is a zip archive, read after unpacking: a small file can unpack to gigabytes (a
# 1.5 MB workbook once took the worker to 1.65 GB). Real workbooks compress XML ten to
# thirty times; a million-row export unpacks to well under the limit.
XLSX_MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
XLSX_MAX_RATIO = 100
# Below this an entry's ratio does not matter: tiny XML parts compress very well.
XLSX_RATIO_FLOOR_BYTES = 1024 * 1024
# Encodings charset-normalizer may name for a file Chinese Excel saved as "ANSI".
GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312", "hz"})
# How encodings are named to a person.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gb18030": "GB18030",
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "cp950": "Big5",
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS",
    "shift_jis_2004": "Shift-JIS",
    "euc_jp": "EUC-JP",
    "euc_jis_2004": "EUC-JP",
    "cp949": "EUC-KR",
    "euc_kr": "EUC-KR",
}


@dataclass(frozen=True)
class TabularFile:
    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ","
    data_rows: int = 0


class FileProblem(Exception):
    """The whole file cannot be read: a reason code (worded by directory/importing/reasons.py)."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def encoding_name(source: TabularFile) -> str:
    """How the file was read, for the report: "UTF-8", "GB18030", "XLSX"…"""
    if source.format == "xlsx":
        return "XLSX"
    return ENCODING_NAMES.get(source.encoding, source.encoding.upper())


def sniff(path: Path) -> TabularFile:
    """Decide the format and encoding and count the rows, reading the file once in chunks."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04"):
        _check_archive(path)
        return TabularFile(path, "xlsx", data_rows=_xlsx_rows(path))
    if path.suffix.lower() == ".xlsx":
        raise FileProblem("not_xlsx")
    if not head:
        raise FileProblem("empty")
    encoding = _text_encoding(path)
    lines, first_line, last_byte = _count_lines(path)
    if last_byte not in (b"\n", b""):
        lines += 1
    first = first_line.decode(encoding, errors="replace")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    return TabularFile(path, "csv", encoding, delimiter, max(0, lines - 1))


def _text_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        if fh.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
    if _decodes(path, "utf-8"):
        return "utf-8"
    # Chinese Excel saves CSV as GB18030 (it calls it "ANSI"). Nearly any byte string
    # decodes as GB18030, Big5 and Shift-JIS files too (as nonsense), so a statistical
    # guess tells them apart before the file is accepted as GB18030.
    from charset_normalizer import from_bytes

    with path.open("rb") as fh:
        sample = fh.read(ENCODING_SAMPLE_BYTES)
    guess = from_bytes(sample).best()
    guessed = guess.encoding if guess is not None else None
    if (guessed is None or guessed in GB_FAMILY) and _decodes(path, "gb18030"):
        return "gb18030"
    if guessed is None or b"\x00" in sample:
        raise FileProblem("not_text")
    raise FileProblem("bad_encoding", encoding=ENCODING_NAMES.get(guessed, guessed.upper()))


def _check_archive(path: Path) -> None:
    """Refuse a workbook that would unpack too large, reading only the zip's directory."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileProblem("not_xlsx") from exc
    unpacked = sum(e.file_size for e in entries)
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        raise FileProblem(
            "archive_too_large",
            size=unpacked // (1024 * 1024),
            limit=XLSX_MAX_UNPACKED_BYTES // (1024 * 1024),
        )
    for entry in entries:
        if entry.file_size < XLSX_RATIO_FLOOR_BYTES:
            continue
        ratio = entry.file_size / max(1, entry.compress_size)
        if ratio > XLSX_MAX_RATIO:
            raise FileProblem("archive_ratio", ratio=int(ratio))


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
        raise FileProblem("not_xlsx") from exc
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


def read_rows(source: TabularFile) -> Iterator[list[str]]:
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
    # csv refuses a cell over 128 KiB and stops the whole file; any cell fits in the file, and
    # the column's own length check then refuses that row alone.
    csv.field_size_limit(max(csv.field_size_limit(), settings.MAX_IMPORT_UPLOAD_BYTES))
    with source.path.open(encoding=source.encoding, newline="") as fh:
        for row in csv.reader(fh, delimiter=source.delimiter):
            yield [cell.strip() for cell in row]


def store_upload(uploaded_file, extension: str, limit: int) -> Path:
    """The upload written to MEDIA_ROOT/imports under its SHA-256, refused past `limit` bytes."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False) as out:
        partial_path = Path(out.name)
    try:
        with partial_path.open("wb") as out:
            for chunk in uploaded_file.chunks():
                size += len(chunk)
                if size > limit:
                    raise ValidationError(
                        _("The file is larger than %(limit)d MB.")
                        % {"limit": limit // (1024 * 1024)}
                    )
                digest.update(chunk)
                out.write(chunk)
        final = folder / f"{digest.hexdigest()}.{extension}"
        partial_path.replace(final)
    finally:
        partial_path.unlink(missing_ok=True)
    return final
