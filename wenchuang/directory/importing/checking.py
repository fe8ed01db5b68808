"""The checking pass: every row's values and problems, duplicates, and header problems."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Q

from .blank import is_comment
from .cells import _Invalid
from .columns import COLUMNS, KINDS, REQUIRED, column_names
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
        # The fields an update may change: only the file's columns, so a file with a few
        # columns does not blank the rest of a record.
        self.present_attnames = [c.attname for _, c in self.columns if c.name != "id"]
        # Absent optional columns still need their defaults on a new record.
        self.defaults = {c.attname: c.empty for c in COLUMNS[kind] if c.name not in present}
        self.required = [(c.name, c.attname) for c in COLUMNS[kind] if c.name in REQUIRED[kind]]

    def check(self, cells: list[str]) -> tuple[dict[str, Any], list[tuple[str, str, dict]]]:
        values = dict(self.defaults)
        problems: list[tuple[str, str, dict]] = []
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        elif len(cells) > self.width and any(cells[self.width :]):
            problems.append(("", "extra_cells", {}))
        lookups = self.lookups
        for i, column in self.columns:
            text = cells[i]
            if not text:
                values[column.attname] = column.empty
                continue
            try:
                values[column.attname] = column.parse(text, lookups)
            except _Invalid as exc:
                problems.append((column.name, exc.code, exc.params))
                values[column.attname] = column.empty
        if not (values.get("name_zh_hans") or values.get("name_en")):
            problems.append(("name_zh_hans", "name_required", {}))
        for required, attname in self.required:
            if values[attname] is None and not any(p[0] == required for p in problems):
                problems.append((required, "required", {}))
        if self.kind == "investors":
            low, high = values.get("ticket_min"), values.get("ticket_max")
            if low is not None and high is not None and low > high:
                problems.append(("ticket_max", "ticket_range", {}))
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
    if values.get("id"):
        keys.append(("id", _hash("i", str(values["id"]))))
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
            problems.append(RowError(1, name, "column_twice"))
        elif name not in known:
            problems.append(RowError(1, name, "unknown_column"))
        seen.add(name)
    if not seen & {"name_zh_hans", "name_en"}:
        problems.append(RowError(1, "name_zh_hans", "name_column_required"))
    for required in REQUIRED[kind]:
        if required not in seen:
            problems.append(RowError(1, required, "column_required"))
    return problems


def _normalise_header(cells: list[str]) -> list[str]:
    return [c.strip().lstrip("\ufeff").lower() for c in cells]


def _check_rows(kind, rows, checker, result, progress, total) -> tuple[set[int], int, dict]:
    """Check every row: the rejected lines, the rows checked, and line -> record to update."""
    bad_lines: set[int] = set()
    seen: dict[int, int] = {}
    matcher = _Matcher(kind, checker.lookups)
    step = max(1, min(BATCH_SIZE, total // 200))
    line = 1
    checked = 0

    def reject(line: int, column: str, code: str, params: dict) -> None:
        result.errors.append(RowError(line, column, code, params))
        bad_lines.add(line)

    for cells in rows:
        line += 1
        if not any(cells) or is_comment(cells):
            continue
        checked += 1
        values, problems = checker.check(cells)
        for column, code, params in problems:
            reject(line, column, code, params)
        # Only rows that are otherwise fine claim an identity, so in a partial import a
        # corrected copy of a rejected row further down is still accepted.
        for column, key in _identity_keys(kind, values):
            first = seen.get(key) if problems else seen.setdefault(key, line)
            if first is not None and first != line:
                code = {"id": "same_id", "credit_code": "same_credit_code"}.get(
                    column, "same_name_region"
                )
                reject(line, column, code, {"line": first})
        if line not in bad_lines:
            matcher.add(line, values)
            if len(matcher.pending) >= BATCH_SIZE:
                matcher.flush(reject)
        if checked % step == 0:
            progress(checked, total)
    matcher.flush(reject)
    return bad_lines, checked, matcher.targets


class _Matcher:
    """Finds the existing record each row refers to, a batch of rows per query.

    A row updates the record whose id it gives, else the enterprise with its credit code.
    A new row with the name and region of an existing record is most likely that record
    exported without its id: it is refused with the record's number rather than created twice.
    """

    def __init__(self, kind: str, lookups: _Lookups):
        self.model = KINDS[kind]
        self.has_code = kind == "enterprises"
        self.lookups = lookups
        self.pending: list[tuple[int, dict[str, Any]]] = []
        self.targets: dict[int, int] = {}

    def add(self, line: int, values: dict[str, Any]) -> None:
        keep = ("id", "credit_code", "name_zh_hans", "name_en", "region_id")
        self.pending.append((line, {k: values.get(k) for k in keep}))

    def _mine(self, region: str) -> bool:
        return self.lookups.in_jurisdiction(region)

    def flush(self, reject) -> None:
        if not self.pending:
            return
        rows = self.pending
        objects = self.model.objects
        ids = {v["id"] for _, v in rows if v["id"]}
        by_id = dict(objects.filter(pk__in=ids).values_list("pk", "region_id")) if ids else {}
        codes = {v["credit_code"] for _, v in rows if v.get("credit_code")}
        by_code = {}
        if self.has_code and codes:
            by_code = {
                code: (pk, region)
                for pk, code, region in objects.filter(credit_code__in=codes).values_list(
                    "pk", "credit_code", "region_id"
                )
            }
        by_name = self._names(rows, by_id)
        for line, v in rows:
            record_id, code = v["id"], v.get("credit_code")
            if record_id and record_id not in by_id:
                # The record was deleted since the export: the row brings it back as new.
                record_id = None
            if record_id:
                if not self._mine(by_id[record_id]):
                    reject(line, "id", "unknown_id", {"value": record_id})
                elif code and code in by_code and by_code[code][0] != record_id:
                    reject(
                        line,
                        "credit_code",
                        "id_credit_code_conflict",
                        {"code": code, "other": by_code[code][0], "value": record_id},
                    )
                else:
                    self.targets[line] = record_id
            elif code and code in by_code:
                pk, region = by_code[code]
                if self._mine(region):
                    self.targets[line] = pk
                else:
                    reject(line, "credit_code", "outside_jurisdiction", {"value": region})
            else:
                other = by_name.get(_name_key(v))
                if other is not None:
                    reject(line, "name_zh_hans", "likely_duplicate", {"other": other})
        self.pending = []

    def _names(self, rows, by_id) -> dict[tuple[str, str], int]:
        new = [v for _, v in rows if not v["id"] or v["id"] not in by_id]
        regions = {v["region_id"] for v in new if v["region_id"]}
        names = {v["name_zh_hans"] or v["name_en"] for v in new} - {None, ""}
        if not names:
            return {}
        found = {}
        candidates = self.model.objects.filter(region_id__in=regions).filter(
            Q(name_zh_hans__in=names) | Q(name_en__in=names)
        )
        for pk, region, zh, en in candidates.values_list(
            "pk", "region_id", "name_zh_hans", "name_en"
        ):
            for name in (zh, en):
                if name:
                    found.setdefault((region, name.casefold()), pk)
        return found


def _name_key(values: dict[str, Any]) -> tuple[str, str]:
    name = values.get("name_zh_hans") or values.get("name_en") or ""
    return (values.get("region_id") or "", name.casefold())
