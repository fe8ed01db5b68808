"""Export of directory records to CSV and XLSX, in the columns the importer reads back.

Every kind a list page shows can be exported; talents and service providers, which the
importer does not take, are written in the same columns (names, descriptions, region,
contacts) followed by their own fields.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from .importing import COLUMNS, CONTACT_COLUMNS, FORMULA_STARTS, KINDS
from .models import ServiceProvider, Talent

CHUNK_ROWS = 2000
# Rows of CSV gathered before a chunk of bytes is handed to the response.
CSV_ROWS_PER_CHUNK = 500
# The formats a list can be exported in (the URL's extension).
FORMATS = ("csv", "xlsx")

# (column name, model attribute) of the kinds that are exported but not imported.
# The columns every importable kind has: names, descriptions, region and contacts.
_COMMON = [
    (c.name, c.attname)
    for c in COLUMNS["parks"]
    if all(c.name in {o.name for o in other} for other in COLUMNS.values())
]
EXPORT_ONLY_KINDS = {"talents": Talent, "providers": ServiceProvider}
EXPORT_ONLY_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "talents": [*_COMMON, ("title", "title"), ("category_code", "category_id")],
    "providers": [*_COMMON, ("service", "service"), ("certified", "certified")],
}


def kind_of(queryset: QuerySet) -> str:
    for kind, model in {**KINDS, **EXPORT_ONLY_KINDS}.items():
        if queryset.model is model:
            return kind
    raise ValueError(f"{queryset.model.__name__} records cannot be exported")


def export_columns(kind: str, *, include_contacts: bool = False) -> list[tuple[str, str]]:
    """(column name, model attribute) pairs, in the importer's order."""
    if kind in EXPORT_ONLY_COLUMNS:
        columns = EXPORT_ONLY_COLUMNS[kind]
    else:
        columns = [(c.name, c.attname) for c in COLUMNS[kind]]
    return [
        (name, attname)
        for name, attname in columns
        if include_contacts or name not in CONTACT_COLUMNS
    ]


def _cell(value: Any, *, numbers: bool = False) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # XLSX keeps numbers as numbers so a spreadsheet can sum them; CSV keeps every digit.
        return value if numbers else format(value, "f")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Spreadsheets would run "=HYPERLINK(...)" typed into a name; the quote keeps it text
        # and the importer removes it again.
        return "'" + value
    return value


# Whose contacts an export shows: every row's (True), none (False or None), or the rows a
# filter selects (an owner's own records; the others' contact cells stay empty).
Contacts = bool | Q | None


def _rows(queryset: QuerySet, include_contacts: Contacts) -> tuple[list[str], Iterator[tuple]]:
    some = include_contacts is not None and include_contacts is not False
    columns = export_columns(kind_of(queryset), include_contacts=some)
    names = [attname for _, attname in columns]
    rows = queryset.order_by("pk")
    if not isinstance(include_contacts, Q) or not include_contacts:
        values = rows.values_list(*names)
        return [name for name, _ in columns], values.iterator(chunk_size=CHUNK_ROWS)
    shown = Case(
        When(include_contacts, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = rows.annotate(_contacts_shown=shown).values_list(*names, "_contacts_shown")
    blank = [i for i, (name, _) in enumerate(columns) if name in CONTACT_COLUMNS]

    def hide(row: tuple) -> tuple:
        if row[-1]:
            return row[:-1]
        cells = list(row[:-1])
        for i in blank:
            cells[i] = ""
        return tuple(cells)

    return [name for name, _ in columns], map(hide, rows.iterator(chunk_size=CHUNK_ROWS))


def iter_csv(queryset: QuerySet, *, include_contacts: Contacts = False) -> Iterator[bytes]:
    """The records as CSV bytes, UTF-8 with a BOM so that Excel shows Chinese correctly.

    Made for StreamingHttpResponse: rows are read from the database in chunks as the
    response is sent, so any number of records can be exported.
    """
    header, rows = _rows(queryset, include_contacts)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield b"\xef\xbb\xbf" + buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, start=1):
        writer.writerow([_cell(v) for v in row])
        if count % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def write_xlsx(queryset: QuerySet, *, include_contacts: Contacts = False) -> IO[bytes]:
    """The records as an XLSX workbook in a temporary file, rewound, for FileResponse.

    The file disappears when it is closed, which FileResponse does when it is sent.
    """
    import openpyxl

    header, rows = _rows(queryset, include_contacts)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=kind_of(queryset))
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(v, numbers=True) for v in row])
    out = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(out)
    out.seek(0)
    return out


def export_to_file(queryset: QuerySet, path: str, *, include_contacts: Contacts = False) -> None:
    """Write the records to `path`; the format follows the extension (.csv or .xlsx)."""
    if str(path).lower().endswith(".xlsx"):
        with (
            write_xlsx(queryset, include_contacts=include_contacts) as src,
            open(path, "wb") as out,
        ):
            while chunk := src.read(1 << 20):
                out.write(chunk)
        return
    with open(path, "wb") as out:
        for chunk in iter_csv(queryset, include_contacts=include_contacts):
            out.write(chunk)
