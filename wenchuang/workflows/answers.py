"""Answers to a form definition: which fields are asked, what is wrong, the stored shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wenchuang.core.money import finite_decimal

from . import formdef

Errors = list[tuple[str, str]]


def is_shown(field: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Is the field asked, given the answers so far (its `show_if`)?"""
    rule = field.get("show_if")
    if not rule:
        return True
    value = answers.get(rule.get("field"))
    if "equals" in rule:
        return value == rule["equals"]
    wanted = rule.get("in") or []
    if isinstance(value, list):
        return any(v in wanted for v in value)
    return value in wanted


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _type_error(field: Mapping[str, Any], value: Any) -> str:
    """Why `value` is not an answer of the field's type and limits ("" when it is)."""
    kind = field["type"]
    if kind in formdef.TEXT_LIMITS:
        if not isinstance(value, str):
            return _("Write a text.")
        limit = field.get("max_length", formdef.TEXT_LIMITS[kind][0])
        if len(value) > limit:
            return _("At most %(limit)d characters (this has %(count)d).") % {
                "limit": limit,
                "count": len(value),
            }
    elif kind in ("number", "money"):
        raw = value.get("amount") if kind == "money" and isinstance(value, Mapping) else value
        if kind == "money" and (
            not isinstance(value, Mapping)
            or value.get("currency", field.get("currency", "CNY")) != field.get("currency", "CNY")
        ):
            return _("Give an amount in %(currency)s.") % {"currency": field.get("currency", "CNY")}
        number = finite_decimal(raw)
        if number is None:
            return _("Write a number.")
        low = finite_decimal(field.get("min", 0 if kind == "money" else None))
        high = finite_decimal(field.get("max"))
        if low is not None and number < low:
            return _("At least %(value)s.") % {"value": low}
        if high is not None and number > high:
            return _("At most %(value)s.") % {"value": high}
    elif kind == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("Write a date as YYYY-MM-DD.")
    elif kind == "choice":
        if value not in [c["value"] for c in field["choices"]]:
            return _("Choose one of the choices offered.")
    elif kind == "multi_choice":
        allowed = [c["value"] for c in field["choices"]]
        if not isinstance(value, list) or any(v not in allowed for v in value):
            return _("Choose among the choices offered.")
    elif kind == "yes_no":
        if not isinstance(value, bool):
            return _("Answer yes or no.")
    elif kind == "file":
        if not isinstance(value, int) or isinstance(value, bool):
            return _("Attach a file.")
    return ""


def check_answers(definition: Mapping[str, Any], answers: Any, *, complete: bool = True) -> Errors:
    """What is wrong with the answers, as (field key, message); `complete=False` for a draft
    (required fields may still be empty). Answers to unknown or hidden fields are refused."""
    if not isinstance(answers, Mapping):
        return [("answers", _("The answers are an object of field keys and values."))]
    errors: Errors = []
    known = {field["key"]: field for _section, field in formdef.fields_of(definition)}
    for key in answers:
        if key not in known:
            errors.append((str(key), _("The form has no field %(key)s.") % {"key": key}))
    for key, field in known.items():
        value = answers.get(key)
        if _empty(value):
            if complete and field.get("required") and is_shown(field, answers):
                errors.append((key, _("This field is required.")))
            continue
        problem = _type_error(field, value)
        if problem:
            errors.append((key, problem))
    return errors


def visible_answers(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to the fields that are asked (a hidden field's old answer is dropped)."""
    return {
        field["key"]: answers[field["key"]]
        for _section, field in formdef.fields_of(definition)
        if field["key"] in answers and is_shown(field, answers)
    }


def normalised(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Checked answers in the stored shape: numbers and amounts as decimal strings (a JSON
    client may send 1200.5; it is kept as "1200.5", money as "1200.50")."""
    kinds = {field["key"]: field for _section, field in formdef.fields_of(definition)}
    out = dict(answers)
    for key, value in answers.items():
        field = kinds.get(key)
        if field is None or value in (None, ""):
            continue
        if field["type"] == "number":
            out[key] = format(Decimal(str(value)).normalize(), "f")
        elif field["type"] == "money" and isinstance(value, Mapping):
            amount = Decimal(str(value["amount"])).quantize(Decimal("0.01"))
            out[key] = {"amount": str(amount), "currency": field.get("currency", "CNY")}
    return out
