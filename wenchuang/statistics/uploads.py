"""Bulk returns from a CSV or XLSX file: every row checked like a form, then all written or none.

Columns: `obligation`, `year`, `quarter`, `reporter` (an enterprise's credit code or id, a
park's id), one column per indicator code, and optionally `<code>_explanation`. The file
is read with the directory importer's reader (encodings, XLSX limits).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.permissions import require
from wenchuang.core.tabular import FileProblem, read_rows, sniff, store_upload
from wenchuang.directory.importing.jobs import UPLOAD_EXTENSIONS
from wenchuang.directory.importing.reasons import reason_text
from wenchuang.directory.models import Enterprise, Park

from . import permissions
from .models import Period, ReportingObligation, ReturnUpload
from .placing import reporter_key
from .services import obligation_indicators
from .upload_writing import write_checked
from .validation import ValueProblem, check_return, load_history, parse_value

REQUIRED_COLUMNS = ("obligation", "year", "quarter", "reporter")
EXPLANATION_SUFFIX = "_explanation"
# Messages kept on the upload; a last one counts the rest.
MAX_MESSAGES = 500
# A group with more reporters than this reads its history whole instead of by key.
KEYED_HISTORY_LIMIT = 5000


def upload_start(*, uploaded_file, by) -> ReturnUpload:
    """Store the file and queue its check and write as a background task."""
    require(permissions.can_upload(by))
    from django.conf import settings

    name = Path(uploaded_file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in UPLOAD_EXTENSIONS:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    stored = store_upload(uploaded_file, extension, settings.MAX_IMPORT_UPLOAD_BYTES)
    upload = ReturnUpload.objects.create(file_name=name[:255], file_path=str(stored), created_by=by)
    from .tasks import run_upload

    run_upload.enqueue(upload.pk)
    upload.refresh_from_db()
    return upload


@dataclass
class _Row:
    line: int
    obligation: ReportingObligation
    period: Period
    record: Any
    values: dict[str, str]
    explanations: dict[str, str]


class _Report:
    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.count = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_MESSAGES:
            self.messages.append({"line": line, "column": column, "message": str(message)})

    def stored(self) -> list[dict]:
        if self.count > len(self.messages):
            more = _("…and %(count)d further problems.") % {
                "count": self.count - len(self.messages)
            }
            return [*self.messages, {"line": 0, "column": "", "message": more}]
        return self.messages


def process_file(
    path: str | Path, *, by: Any, on_progress: Callable[[int, int], None] | None = None
) -> tuple[int, list[dict]]:
    """Check every row; write all returns in one transaction if none was refused.

    Returns (returns written, messages). Nothing is written when any message is an error.
    """
    progress = on_progress or (lambda done, total: None)
    report = _Report()
    try:
        source = sniff(Path(path))
    except FileProblem as problem:
        report.add(0, "", reason_text({"code": problem.code, "params": problem.params}))
        return 0, report.stored()
    total = source.data_rows
    rows = read_rows(source)
    header = [h.strip().lower() for h in next(rows, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        report.add(
            1,
            ", ".join(missing),
            _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
        )
        return 0, report.stored()
    parsed = _parse_rows(rows, header, by, report, progress, total)
    checked = _check(parsed, report, progress, total)  # every row's messages, in one report
    if report.count:
        report.messages.sort(key=lambda m: (m["line"], m["column"]))
        return 0, report.stored()
    written = write_checked(checked, by)
    progress(total, total)
    return written, report.stored()


def _parse_rows(rows, header, by, report, progress, total) -> list[_Row]:
    obligations = {o.code: o for o in ReportingObligation.objects.filter(active=True)}
    periods = {(p.year, p.quarter): p for p in Period.objects.all()}
    raw_rows = []
    for line, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        raw_rows.append((line, dict(zip(header, cells, strict=False))))
    credit_codes = {r["reporter"] for _l, r in raw_rows if len(r.get("reporter", "")) == 18}
    ids = {
        int(r["reporter"])
        for _l, r in raw_rows
        if r.get("reporter", "").isdigit() and len(r["reporter"]) < 18
    }
    by_credit = {e.credit_code: e for e in _chunked(Enterprise, "credit_code__in", credit_codes)}
    by_id = {
        "enterprise": {e.pk: e for e in _chunked(Enterprise, "pk__in", ids)},
        "park": {p.pk: p for p in _chunked(Park, "pk__in", ids)},
    }
    seen: set[tuple] = set()
    parsed = []
    for n, (line, raw) in enumerate(raw_rows):
        obligation = obligations.get(raw.get("obligation", ""))
        if obligation is None:
            report.add(
                line,
                "obligation",
                _("Unknown obligation “%(code)s”.") % {"code": raw.get("obligation", "")},
            )
            continue
        year, quarter = raw.get("year", ""), raw.get("quarter", "").upper().lstrip("Q")
        period = (
            periods.get((int(year), int(quarter))) if year.isdigit() and quarter.isdigit() else None
        )
        if period is None:
            report.add(
                line,
                "quarter",
                _("No quarter %(year)s Q%(quarter)s in the reporting calendar.")
                % {"year": year, "quarter": quarter},
            )
            continue
        if not period.is_open:
            report.add(
                line,
                "quarter",
                _("%(period)s is closed for returns (%(status)s).")
                % {"period": period.label, "status": period.get_status_display()},
            )
            continue
        who = raw.get("reporter", "")
        if obligation.reporter == "enterprise" and len(who) == 18:
            record = by_credit.get(who)
        else:
            record = by_id.get(obligation.reporter, {}).get(int(who)) if who.isdigit() else None
        if record is None:
            report.add(
                line,
                "reporter",
                _("No %(kind)s “%(who)s” in the directory.")
                % {"kind": obligation.get_reporter_display(), "who": who},
            )
            continue
        decision = permissions.can_report(by, obligation.reporter, record)
        if not decision:
            report.add(line, "reporter", decision.reason)
            continue
        key = (obligation.pk, period.pk, reporter_key(obligation.reporter, record))
        if key in seen:
            report.add(
                line,
                "reporter",
                _("This reporter's return for the quarter is already in the file."),
            )
            continue
        seen.add(key)
        values = {
            k: v
            for k, v in raw.items()
            if k not in REQUIRED_COLUMNS and not k.endswith(EXPLANATION_SUFFIX) and k
        }
        explanations = {
            k.removesuffix(EXPLANATION_SUFFIX): v
            for k, v in raw.items()
            if k.endswith(EXPLANATION_SUFFIX)
        }
        parsed.append(_Row(line, obligation, period, record, values, explanations))
        if n % 1000 == 0:
            progress(n // 2, total)
    return parsed


def _chunked(model, lookup: str, keys, size: int = 900):
    keys = list(keys)
    for start in range(0, len(keys), size):
        yield from model.objects.filter(**{lookup: keys[start : start + size]})


def _check(parsed: list[_Row], report: _Report, progress, total) -> list[tuple[_Row, Any]]:
    groups: dict[tuple[int, int], list[_Row]] = defaultdict(list)
    for row in parsed:
        groups[(row.obligation.pk, row.period.pk)].append(row)
    checked = []
    done = 0
    for rows in groups.values():
        obligation, period = rows[0].obligation, rows[0].period
        indicators = obligation_indicators(obligation)
        keys = [reporter_key(obligation.reporter, r.record) for r in rows]
        history = load_history(
            obligation.pk, period, keys if len(keys) <= KEYED_HISTORY_LIMIT else None
        )
        _add_file_peers(history, rows, keys, indicators)
        for row, key in zip(rows, keys, strict=True):
            result = check_return(
                indicators,
                {
                    k: v
                    for k, v in row.values.items()
                    if v != "" or k in {i.code for i in indicators}
                },
                row.explanations,
                period=period,
                reporter_key=key,
                class_code=getattr(row.record, "category_id", "") or "",
                history=history,
            )
            for code, found in result.errors.items():
                for message in found:
                    report.add(row.line, code, message)
            checked.append((row, result))
            done += 1
            if done % 1000 == 0:
                progress(total // 2 + done // 2, total)
    return checked


def _add_file_peers(history, rows, keys, indicators) -> None:
    """The file's own figures count as peers too (a district's file may hold a whole class)."""
    by_code = {i.code: i for i in indicators}
    filed = set(keys)
    for (class_code, code), found in history.peers.items():
        history.peers[(class_code, code)] = [(k, v) for k, v in found if k not in filed]
    for row, key in zip(rows, keys, strict=True):
        class_code = getattr(row.record, "category_id", "") or ""
        for code, raw in row.values.items():
            indicator = by_code.get(code)
            if indicator is None:
                continue
            try:
                value = parse_value(indicator, raw)
            except ValueProblem:
                continue
            if value is not None:
                history.peers.setdefault((class_code, code), []).append((key, value))


def run(upload_id: int) -> None:
    """Run an upload (the background task calls this), keeping its progress on the row."""
    upload = ReturnUpload.objects.select_related("created_by").get(pk=upload_id)
    started = ReturnUpload.objects.filter(pk=upload_id, status=ReturnUpload.Status.QUEUED).update(
        status=ReturnUpload.Status.RUNNING
    )
    if not started:
        return
    last = [0.0]

    def on_progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or done >= total:
            last[0] = now
            ReturnUpload.objects.filter(pk=upload_id).update(
                total_rows=total, processed_rows=min(done, total)
            )

    from django.utils import translation

    language = getattr(upload.created_by, "language", "") or "zh-hans"
    try:
        with translation.override(language):
            written, found = process_file(
                upload.file_path, by=upload.created_by, on_progress=on_progress
            )
    except Exception as exc:
        ReturnUpload.objects.filter(pk=upload_id).update(
            status=ReturnUpload.Status.FAILED,
            messages=[{"line": 0, "column": "", "message": str(exc)[:300]}],
            finished_at=timezone.now(),
        )
        raise
    upload.refresh_from_db()
    ReturnUpload.objects.filter(pk=upload_id).update(
        status=ReturnUpload.Status.FAILED if found else ReturnUpload.Status.SUCCEEDED,
        written_returns=written,
        processed_rows=upload.total_rows,
        messages=found,
        finished_at=timezone.now(),
    )
    if not found:
        audit_record(
            actor=upload.created_by, action="import", instance=upload, changes={"returns": written}
        )
