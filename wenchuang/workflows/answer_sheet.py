"""Answers as a reader sees them: each field's label and its answer in the reader's terms
(the application's pages and funding's decision packet show the same)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wenchuang.core.files import files_of
from wenchuang.core.money import Money, format_day, format_number

from . import formdef


def _shown(field: dict[str, Any], value: Any, files: dict[int, Any]) -> tuple[str, str]:
    """(text, link) for one answer."""
    kind = field["type"]
    if kind == "money" and isinstance(value, dict):
        return Money.of(value.get("amount"), value.get("currency")).format(), ""
    if kind == "number":
        return format_number(value), ""
    if kind == "date":
        import datetime as dt

        try:
            return format_day(dt.date.fromisoformat(value)), ""
        except (TypeError, ValueError):
            return str(value), ""
    if kind in ("choice", "multi_choice"):
        labels = {c["value"]: formdef.label_of(c) for c in field.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values), ""
    if kind == "yes_no":
        return (_("yes") if value else _("no")), ""
    if kind == "file":
        stored = files.get(value)
        if stored is None:
            return _("(file missing)"), ""
        return stored.original_name, reverse("core:file", args=[stored.pk])
    return str(value), ""


def answer_rows(application: Any) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(section title, [(label, answer, link)]) for the fields that are asked."""
    definition = application.call.form
    answers = application.answers or {}
    files = {f.pk: f for f in files_of(application)}
    out = []
    for section in definition.get("sections") or []:
        rows = []
        for field in section.get("fields") or []:
            if not formdef.is_shown(field, answers):
                continue
            value = answers.get(field["key"])
            if value in (None, "", [], {}):
                rows.append((formdef.label_of(field), "—", ""))
                continue
            text, link = _shown(field, value, files)
            rows.append((formdef.label_of(field), text, link))
        out.append((formdef.label_of(section, "title"), rows))
    return out
