"""The checking pass: every row's values and problems, duplicates, and header problems."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext as _

from ..models import Enterprise
from .columns import COLUMNS, REQUIRED, _Invalid, column_names
from .lookups import _Lookups
from .results import RowError
from .writing import BATCH_SIZE


class _RowChecker:
    """Turns the cells of one row into model field values, collecting the problems."""

    def __init__(self, kind: str, header: list[str], lookups: _Lookups):
        by_name = {c.name: c for c in COLUMNS[kind]}
        self.kind = kind
        self.lookups = lookups
        self.width = len(header)
        self.columns = [(i, by_name[name]) for i, name in enumerate(header) if name in by_name]
        self.converters = [(i, c.attname, c.convert or c.parse, c.empty) for i, c in self.columns]
        present = {c.name for _, c in self.columns}
        # Absent optional columns still need their defaults on the object.
        self.defaults = {c.attname: c.empty for c in COLUMNS[kind] if c.name not in present}
        self.required = [(c.name, c.attname) for c in COLUMNS[kind] if c.name in REQUIRED[kind]]

    def check(self, cells: list[str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        values = dict(self.defaults)
        problems: list[tuple[str, str]] = []
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        elif len(cells) > self.width and any(cells[self.width :]):
            problems.append(("", _("This row has more cells than the header has columns.")))
        lookups = self.lookups
        for i, column in self.columns:
            text = cells[i]
            if not text:
                values[column.attname] = column.empty
                continue
            try:
                values[column.attname] = column.parse(text, lookups)
            except _Invalid as exc:
                problems.append((column.name, str(exc)))
                values[column.attname] = column.empty
        if not (values.get("name_zh_hans") or values.get("name_en")):
            problems.append(("name_zh_hans", _("A Chinese or an English name is required.")))
        for required, attname in self.required:
            if values[attname] is None and not any(p[0] == required for p in problems):
                problems.append((required, _("This value is required.")))
        if self.kind == "investors":
            low, high = values.get("ticket_min"), values.get("ticket_max")
            if low is not None and high is not None and low > high:
                problems.append(
                    ("ticket_max", _("The largest investment is smaller than the smallest."))
                )
        return values, problems

    def convert(self, cells: list[str]) -> dict[str, Any]:
        """The values of a row that passed `check`, skipping the costlier validations."""
        values = dict(self.defaults)
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        lookups = self.lookups
        for i, attname, convert, empty in self.converters:
            text = cells[i]
            values[attname] = convert(text, lookups) if text else empty
        return values


def _identity_keys(kind: str, values: dict[str, Any]) -> list[tuple[str, int]]:
    """Hashes of what makes a row the same record: its credit code, or its name in a region.

    Only hashes are kept (8 bytes of BLAKE2b), so a million rows' keys fit in memory.
    """
    keys = []
    if values.get("credit_code"):
        keys.append(("credit_code", _hash("c", values["credit_code"])))
    name = values.get("name_zh_hans") or values.get("name_en") or ""
    if name and values.get("region_id"):
        keys.append(("name_zh_hans", _hash("n", values["region_id"], name.casefold())))
    return keys


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _header_problems(kind: str, header: list[str]) -> list[RowError]:
    known = set(column_names(kind))
    problems = []
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(RowError(1, name, _("This column appears twice.")))
        elif name not in known:
            problems.append(
                RowError(1, name, _("Unknown column; see the guide for the accepted columns."))
            )
        seen.add(name)
    if not seen & {"name_zh_hans", "name_en"}:
        problems.append(
            RowError(1, "name_zh_hans", _("A name_zh_hans or a name_en column is required."))
        )
    for required in REQUIRED[kind]:
        if required not in seen:
            problems.append(RowError(1, required, _("This column is required.")))
    return problems


def _normalise_header(cells: list[str]) -> list[str]:
    return [c.strip().lstrip("\ufeff").lower() for c in cells]


def _check_rows(kind, rows, checker, result, progress, total) -> tuple[set[int], int]:
    bad_lines: set[int] = set()
    seen: dict[int, int] = {}
    pending_codes: list[tuple[int, str]] = []
    step = max(1, min(BATCH_SIZE, total // 200))
    line = 1
    checked = 0

    def reject(line: int, column: str, reason: str) -> None:
        result.errors.append(RowError(line, column, reason))
        bad_lines.add(line)

    def flush_codes() -> None:
        existing = set(
            Enterprise.objects.filter(credit_code__in=[c for _, c in pending_codes]).values_list(
                "credit_code", flat=True
            )
        )
        for code_line, code in pending_codes:
            if code in existing:
                reject(
                    code_line,
                    "credit_code",
                    _("An enterprise with credit code %(code)s is already in the directory.")
                    % {"code": code},
                )
        pending_codes.clear()

    for cells in rows:
        line += 1
        if not any(cells):
            continue
        checked += 1
        values, problems = checker.check(cells)
        for column, reason in problems:
            reject(line, column, reason)
        # Only rows that are otherwise fine claim an identity, so in a partial import a
        # corrected copy of a rejected row further down is still accepted.
        for column, key in _identity_keys(kind, values):
            first = seen.get(key) if problems else seen.setdefault(key, line)
            if first is not None and first != line:
                reason = (
                    _("Same credit code as line %(line)d.")
                    if column == "credit_code"
                    else _("Same name and region as line %(line)d.")
                )
                reject(line, column, reason % {"line": first})
        if kind == "enterprises" and values.get("credit_code") and line not in bad_lines:
            pending_codes.append((line, values["credit_code"]))
            if len(pending_codes) >= BATCH_SIZE:
                flush_codes()
        if checked % step == 0:
            progress(checked, total)
    if pending_codes:
        flush_codes()
    return bad_lines, checked
