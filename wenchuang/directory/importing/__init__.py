"""Bulk import of enterprises, parks and investors from CSV or XLSX, reporting every rejected row.

The file is read in streaming passes. The first checks every row, keeps only the rejected
lines, a hash of each row's identity (for duplicates within the file) and, for rows that
match an existing record (by id or credit code), that record's id. Checking before writing
means a file with mistakes never takes the database's write lock. The writing pass
(writing.py) stages new records unseen in short transactions, then applies the updates and
publishes the new records, so other writers are never locked out for long.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import IntegrityError

from wenchuang.core.planner import refresh_planner_statistics
from wenchuang.core.tabular import FileProblem, encoding_name, read_rows, sniff
from wenchuang.core.validators import credit_code_check_char

from .cells import FORMULA_STARTS
from .checking import _check_rows, _header_problems, _normalise_header, _RowChecker
from .columns import (
    COLUMNS,
    CONTACT_COLUMNS,
    KIND_LABELS,
    KINDS,
    REQUIRED,
    Column,
    column_names,
)
from .jobs import import_job_start
from .lookups import _Lookups
from .reasons import REASONS, reason_text
from .results import ImportResult, ProgressCallback, RowError
from .writing import BATCH_SIZE, _write_rows, discard_staged

__all__ = [
    "BATCH_SIZE",
    "COLUMNS",
    "CONTACT_COLUMNS",
    "FORMULA_STARTS",
    "KIND_LABELS",
    "KINDS",
    "REASONS",
    "REQUIRED",
    "Column",
    "ImportResult",
    "ProgressCallback",
    "RowError",
    "column_names",
    "credit_code_check_char",
    "discard_staged",
    "import_file",
    "import_job_start",
    "reason_text",
]


def import_file(
    kind: str,
    path: str | Path,
    *,
    partial: bool = False,
    by: Any = None,
    file_name: str = "",
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file of `kind` records; see the module docstring for the passes.

    `on_progress(processed, total)` counts steps: each data row is checked once and each
    accepted row written once, so `total` is twice the rows until the check pass knows how
    many will be written. All-or-nothing unless `partial`: then valid rows are written and
    the rest reported.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    path = Path(path)
    file_name = file_name or path.name
    result = ImportResult()
    try:
        source = sniff(path)
    except FileProblem as exc:
        result.errors.append(RowError(0, "", exc.code, exc.params))
        return result
    result.encoding = encoding_name(source)

    progress = on_progress or (lambda processed, total: None)
    total = 2 * source.data_rows
    progress(0, total)

    rows = read_rows(source)
    header = _normalise_header(next(rows, []))
    result.errors = sorted(_header_problems(kind, header), key=lambda e: e.column)
    if result.errors:
        progress(total, total)
        return result

    lookups = _Lookups.load(kind, by)
    checker = _RowChecker(kind, header, lookups)
    bad_lines, checked, targets = _check_rows(kind, rows, checker, result, progress, total)
    result.errors.sort(key=lambda e: (e.line, e.column))
    result.rows = checked
    if result.errors and not partial:
        progress(total, total)
        return result

    to_write = checked - len(bad_lines)
    total = checked + to_write
    progress(checked, total)
    if to_write == 0:
        result.committed = not result.errors
        return result
    try:
        writer = _write_rows(
            kind,
            source,
            checker,
            bad_lines,
            targets,
            lookups,
            by,
            file_name,
            progress,
            checked,
            total,
        )
    except IntegrityError as exc:
        # Another import committed one of these credit codes between our two passes.
        result.errors.append(RowError(0, "", "database_refused", {"error": str(exc)[:200]}))
        return result
    result.created, result.updated, result.unchanged = (
        writer.created,
        writer.updated,
        writer.unchanged,
    )
    result.imported = writer.created + writer.updated
    result.committed = True
    # New rows change the sizes the planner chooses by (issue 5: searches planned without
    # statistics ran for minutes); sampled, so milliseconds whatever the table size.
    refresh_planner_statistics()
    return result
