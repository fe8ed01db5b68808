"""Bulk import of enterprises, parks and investors from CSV or XLSX, reporting every rejected row.

The file is read twice, streaming both times. The first pass checks every row and keeps only
the rejected lines and a hash of each row's identity (for duplicates), so a million-row file
costs a few hundred megabytes at most. The second pass writes, inside one transaction, in
batches of BATCH_SIZE. Checking before writing means a file with mistakes never takes the
database's write lock, and a polling page can see the checking pass progress even though
the writing pass is invisible to other connections until it commits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import IntegrityError
from django.utils.translation import gettext as _

from wenchuang.core.planner import refresh_planner_statistics

from .checking import _check_rows, _header_problems, _normalise_header, _RowChecker
from .columns import (
    COLUMNS,
    CONTACT_COLUMNS,
    FORMULA_STARTS,
    KIND_LABELS,
    KINDS,
    REQUIRED,
    Column,
    column_names,
    credit_code_check_char,
)
from .jobs import import_job_start
from .lookups import _Lookups
from .results import ImportResult, ProgressCallback, RowError
from .sources import _FileProblem, _rows, _sniff
from .writing import BATCH_SIZE, _write_rows

__all__ = [
    "BATCH_SIZE",
    "COLUMNS",
    "CONTACT_COLUMNS",
    "FORMULA_STARTS",
    "KIND_LABELS",
    "KINDS",
    "REQUIRED",
    "Column",
    "ImportResult",
    "ProgressCallback",
    "RowError",
    "column_names",
    "credit_code_check_char",
    "import_file",
    "import_job_start",
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
        source = _sniff(path)
    except _FileProblem as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result

    progress = on_progress or (lambda processed, total: None)
    total = 2 * source.data_rows
    progress(0, total)

    rows = _rows(source)
    header = _normalise_header(next(rows, []))
    result.errors = sorted(_header_problems(kind, header), key=lambda e: e.column)
    if result.errors:
        progress(total, total)
        return result

    lookups = _Lookups.load(kind, by)
    checker = _RowChecker(kind, header, lookups)
    bad_lines, checked = _check_rows(kind, rows, checker, result, progress, total)
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
        result.imported = _write_rows(
            kind, source, checker, bad_lines, lookups, by, file_name, progress, checked, total
        )
    except IntegrityError as exc:
        # Another import committed one of these credit codes between our two passes.
        result.errors.append(
            RowError(0, "", _("The database refused the rows: %(error)s") % {"error": exc})
        )
        result.imported = 0
        return result
    result.committed = True
    # New rows change the sizes the planner chooses by (issue 5: searches planned without
    # statistics ran for minutes); sampled, so milliseconds whatever the table size.
    refresh_planner_statistics()
    return result
