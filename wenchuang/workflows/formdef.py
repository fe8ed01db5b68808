"""Application forms kept as data: their check when staff save them, the web form, the answers.

A definition (a call's `form`) is sections of typed fields::

    {"sections": [{"key": "project", "title": {"zh-hans": "项目概况", "en": "The project"},
      "fields": [
        {"key": "summary", "type": "long_text", "label": {...}, "required": true,
         "max_length": 2000},
        {"key": "has_partner", "type": "yes_no", "label": {...}},
        {"key": "partner", "type": "text", "label": {...},
         "show_if": {"field": "has_partner", "equals": true}},
        {"key": "budget", "type": "money", "currency": "CNY", "label": {...}},
        {"key": "kind", "type": "choice", "choices": [{"value": "film", "label": {...}}], ...},
        {"key": "plan", "type": "file", "accept": ["pdf"], "max_size": 10485760, "label": {...}}]}]}

Types: text, long_text, number, money, date, choice, multi_choice, yes_no, file. Answers are
JSON: text; a number as a decimal string; money as {"amount": "…", "currency": "CNY"}; a date
as "YYYY-MM-DD"; a choice's value or a list of them; true/false; a file as the id of its
`core.files` StoredFile. A field with `show_if` is asked (and required) only when the other
field's answer equals the value (or is `in` the list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wenchuang.core.files import DOCUMENT_TYPES, MAX_UPLOAD_BYTES
from wenchuang.core.languages import CONTENT_LANGUAGES, pick_text
from wenchuang.core.money import finite_decimal

FIELD_TYPES = (
    "text",
    "long_text",
    "number",
    "money",
    "date",
    "choice",
    "multi_choice",
    "yes_no",
    "file",
)
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# The longest answer a field may allow (and the default when it names none).
TEXT_LIMITS = {"text": (200, 500), "long_text": (5000, 20000)}
MAX_FIELDS = 200

Errors = list[tuple[str, str]]


def _texts_ok(value: Any) -> bool:
    return isinstance(value, Mapping) and any(
        isinstance(value.get(code), str) and value[code].strip() for code in CONTENT_LANGUAGES
    )


def fields_of(
    definition: Mapping[str, Any],
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(section, field) for every field of a (checked) definition, in order."""
    for section in definition.get("sections") or []:
        for field in section.get("fields") or []:
            yield section, field


def _check_field(
    field: Any, where: str, earlier: Mapping[str, Mapping[str, Any]], errors: Errors
) -> None:
    kind = field.get("type")
    if kind not in FIELD_TYPES:
        errors.append(
            (
                f"{where}.type",
                _("Unknown type %(value)s; use one of %(types)s.")
                % {"value": kind, "types": ", ".join(FIELD_TYPES)},
            )
        )
        return
    if not _texts_ok(field.get("label")):
        errors.append(
            (f"{where}.label", _("Give a label in at least one language (zh-hans, en, fr, de)."))
        )
    if "help" in field and not isinstance(field["help"], Mapping):
        errors.append((f"{where}.help", _("Help is a text per language.")))
    if "required" in field and not isinstance(field["required"], bool):
        errors.append((f"{where}.required", _("Write true or false.")))
    if kind in TEXT_LIMITS:
        limit = field.get("max_length", TEXT_LIMITS[kind][0])
        top = TEXT_LIMITS[kind][1]
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= top:
            errors.append(
                (
                    f"{where}.max_length",
                    _("The maximum length is a whole number from 1 to %(top)d.") % {"top": top},
                )
            )
    elif "max_length" in field:
        errors.append((f"{where}.max_length", _("Only text fields have a maximum length.")))
    if kind == "number":
        for bound in ("min", "max"):
            if bound in field and finite_decimal(field[bound]) is None:
                errors.append((f"{where}.{bound}", _("Write a number.")))
    if kind == "money":
        currency = field.get("currency", "CNY")
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
            errors.append((f"{where}.currency", _("Write an ISO 4217 currency code such as CNY.")))
    if kind in ("choice", "multi_choice"):
        choices = field.get("choices")
        if not isinstance(choices, list) or not choices:
            errors.append(
                (f"{where}.choices", _("List the choices, each with a value and a label."))
            )
        else:
            values = []
            for index, choice in enumerate(choices):
                if (
                    not isinstance(choice, Mapping)
                    or not isinstance(choice.get("value"), str)
                    or not choice["value"]
                ):
                    errors.append(
                        (
                            f"{where}.choices[{index}]",
                            _("A choice has a value (a text) and a label."),
                        )
                    )
                    continue
                if choice["value"] in values:
                    errors.append(
                        (
                            f"{where}.choices[{index}]",
                            _("The value %(value)s appears twice.") % {"value": choice["value"]},
                        )
                    )
                values.append(choice["value"])
                if not _texts_ok(choice.get("label")):
                    errors.append(
                        (
                            f"{where}.choices[{index}].label",
                            _("Give a label in at least one language (zh-hans, en, fr, de)."),
                        )
                    )
    if kind == "file":
        accept = field.get("accept", sorted(DOCUMENT_TYPES))
        if (
            not isinstance(accept, list)
            or not accept
            or any(a not in DOCUMENT_TYPES for a in accept)
        ):
            errors.append(
                (
                    f"{where}.accept",
                    _("Accepted types are some of %(types)s.")
                    % {"types": ", ".join(sorted(DOCUMENT_TYPES))},
                )
            )
        size = field.get("max_size", MAX_UPLOAD_BYTES)
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_UPLOAD_BYTES:
            errors.append(
                (
                    f"{where}.max_size",
                    _("The largest size is a number of bytes up to %(limit)s.")
                    % {"limit": filesizeformat(MAX_UPLOAD_BYTES)},
                )
            )
    if "show_if" in field:
        _check_condition(field["show_if"], f"{where}.show_if", earlier, errors)


def _check_condition(
    rule: Any, where: str, earlier: Mapping[str, Mapping[str, Any]], errors: Errors
) -> None:
    if not isinstance(rule, Mapping) or "field" not in rule or not ({"equals", "in"} & set(rule)):
        errors.append(
            (
                where,
                _('Write {"field": "...", "equals": ...} or {"field": "...", "in": [...]}.'),
            )
        )
        return
    other = earlier.get(rule["field"])
    if other is None:
        errors.append(
            (
                f"{where}.field",
                _("%(value)s is not a field asked before this one.") % {"value": rule["field"]},
            )
        )
    elif other.get("type") == "file":
        errors.append((f"{where}.field", _("A condition cannot depend on a file.")))
    if "in" in rule and not isinstance(rule["in"], list):
        errors.append((f"{where}.in", _("List the values.")))


def check_definition(definition: Any) -> Errors:
    """What is wrong with a form definition, as (path, message) in the reader's language.

    Paths name the section and field by key (`project.budget.max_length`), or by position
    when the key itself is wrong (`sections[1].fields[0].key`).
    """
    errors: Errors = []
    if not isinstance(definition, Mapping):
        return [("", _("A form is an object with a list of sections."))]
    sections = definition.get("sections")
    if not isinstance(sections, list) or not sections:
        return [("sections", _("List at least one section."))]
    fields: dict[str, Mapping[str, Any]] = {}
    section_keys: set[str] = set()
    count = 0
    for s_index, section in enumerate(sections):
        where = f"sections[{s_index}]"
        if not isinstance(section, Mapping):
            errors.append((where, _("A section is an object with a key, a title and fields.")))
            continue
        key = section.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            errors.append(
                (
                    f"{where}.key",
                    _("A key is a letter, then letters, digits or _ (40 at most)."),
                )
            )
        elif key in section_keys:
            errors.append((f"{where}.key", _("The key %(key)s appears twice.") % {"key": key}))
        else:
            section_keys.add(key)
            where = key
        if "title" in section and not _texts_ok(section["title"]):
            errors.append(
                (
                    f"{where}.title",
                    _("Give a title in at least one language (zh-hans, en, fr, de)."),
                )
            )
        items = section.get("fields")
        if not isinstance(items, list):
            errors.append((f"{where}.fields", _("List the section's fields.")))
            continue
        for f_index, field in enumerate(items):
            count += 1
            spot = f"{where}.fields[{f_index}]"
            if not isinstance(field, Mapping):
                errors.append((spot, _("A field is an object with a key, a type and a label.")))
                continue
            fkey = field.get("key")
            if not isinstance(fkey, str) or not KEY_PATTERN.match(fkey):
                errors.append(
                    (
                        f"{spot}.key",
                        _("A key is a letter, then letters, digits or _ (40 at most)."),
                    )
                )
                continue
            if fkey in fields:
                errors.append(
                    (f"{where}.{fkey}", _("The key %(key)s appears twice.") % {"key": fkey})
                )
                continue
            _check_field(field, f"{where}.{fkey}", fields, errors)
            fields[fkey] = field
    if count > MAX_FIELDS:
        errors.append(
            ("sections", _("A form has at most %(count)d fields.") % {"count": MAX_FIELDS})
        )
    return errors


def label_of(item: Mapping[str, Any], name: str = "label", language: str | None = None) -> str:
    return pick_text(item.get(name) or {}, language) or str(item.get("key", ""))


# The answers' checks and the web form build on the above; `formdef` is where callers find them.
from .answers import check_answers, is_shown, normalised, visible_answers  # noqa: E402
from .formdef_web import application_form  # noqa: E402

__all__ = [
    "normalised",
    "application_form",
    "check_answers",
    "check_definition",
    "fields_of",
    "is_shown",
    "visible_answers",
]
