"""The cell parsers: each turns a cell's text into the value to store, or says why it cannot.

A cell is parsed here (numbers with thousands separators, "12 %", "www.example.cn") and then
checked by its model field's own validators, so an import refuses what a form or the API
refuses, with the same message.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from wenchuang.core.validators import normalise_code, normalise_credit_code

from .lookups import _Lookups

# Characters that make a spreadsheet treat a text cell as a formula; exports put a quote in
# front of such text and the importer takes it off again, so values survive a round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Invalid(Exception):
    """A cell value that cannot be accepted: a reason code (see reasons.py) and its values."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        # The report quotes the cell; a cell of megabytes is quoted by its start.
        self.params = {
            k: v[:100] + "…" if isinstance(v, str) and len(v) > 100 else v
            for k, v in params.items()
        }


# Each takes the stripped cell text (never empty) and the lookups, and returns the value to
# store or raises _Invalid with the reason.

# A refusal quotes the cell; a cell of megabytes is quoted by its start.
_MESSAGE_LIMIT = 300


def _follow_rules(field: models.Field, value: Any) -> Any:
    """Run the model field's validators, the ones forms and the API run, on a parsed value.

    The refusal is stored in every site language (reason code "field_rule"), so the report
    gives the message a form would give, in the reader's language.
    """
    try:
        # Field.run_validators would collect every refusal; the report gives the first, and
        # a million-row import checks ~20 cells a row, so call the validators directly.
        for rule in field.validators:
            rule(value)
    except ValidationError as error:
        first = error.error_list[0]
        messages = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                text = str(first.message % first.params if first.params else first.message)
            messages[language] = text[:_MESSAGE_LIMIT]
        raise _Invalid("field_rule", messages=messages) from None
    return value


def _model_field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)  # type: ignore[return-value]


def _text(model: type[models.Model], name: str) -> Callable[[str, _Lookups], str]:
    field = _model_field(model, name)

    def parse(text: str, lookups: _Lookups) -> str:
        if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
            text = text[1:]
        return _follow_rules(field, text)

    return parse


def _integer(model: type[models.Model], name: str) -> Callable[[str, _Lookups], int]:
    field = _model_field(model, name)

    def parse(text: str, lookups: _Lookups) -> int:
        try:
            value = int(text.replace(",", ""))
        except ValueError:
            raise _Invalid("not_integer", value=text) from None
        return _follow_rules(field, value)

    return parse


def _decimal(
    model: type[models.Model], name: str, percent: bool = False
) -> Callable[[str, _Lookups], Decimal]:
    field = _model_field(model, name)
    assert isinstance(field, models.DecimalField)
    quantum = Decimal(1).scaleb(-field.decimal_places)

    def parse(text: str, lookups: _Lookups) -> Decimal:
        cleaned = text.replace(",", "")
        if percent and cleaned.endswith("%"):
            cleaned = cleaned[:-1].strip()
        try:
            value = Decimal(cleaned).quantize(quantum, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise _Invalid("not_number", value=text) from None
        if not value.is_finite():
            raise _Invalid("too_large", value=text)
        return _follow_rules(field, value)

    return parse


def _choice(choices: type) -> Callable[[str, _Lookups], str]:
    values = {str(v) for v in choices.values}

    def parse(text: str, lookups: _Lookups) -> str:
        if text not in values:
            raise _Invalid("not_choice", value=text, choices=", ".join(sorted(values)))
        return text

    return parse


def _link(text: str, lookups: _Lookups) -> str:
    # Directories list sites as "www.example.cn"; store them as links that work.
    return text if "://" in text else "https://" + text


def _website(model: type[models.Model]) -> Callable[[str, _Lookups], str]:
    field = _model_field(model, "website")

    def parse(text: str, lookups: _Lookups) -> str:
        return _follow_rules(field, _link(text, lookups))

    return parse


def _region(text: str, lookups: _Lookups) -> str:
    if text not in lookups.regions:
        raise _Invalid("unknown_region", value=text)
    if not lookups.in_jurisdiction(text):
        raise _Invalid("outside_jurisdiction", value=text)
    return text


def _category(text: str, lookups: _Lookups) -> str:
    if text not in lookups.categories:
        raise _Invalid("unknown_category", value=text)
    return text


def _currency(text: str, lookups: _Lookups) -> str:
    text = text.upper()
    if text not in lookups.currencies:
        raise _Invalid("unknown_currency", value=text)
    return text


def _country(model: type[models.Model]) -> Callable[[str, _Lookups], str]:
    field = _model_field(model, "country")

    def parse(text: str, lookups: _Lookups) -> str:
        return _follow_rules(field, normalise_code(text))

    return parse


def _park(text: str, lookups: _Lookups) -> int:
    try:
        park_id = int(text)
    except ValueError:
        raise _Invalid("not_park", value=text) from None
    if park_id not in lookups.parks:
        raise _Invalid("no_park", value=park_id)
    return park_id


def _credit_code(model: type[models.Model]) -> Callable[[str, _Lookups], str]:
    field = _model_field(model, "credit_code")

    def parse(text: str, lookups: _Lookups) -> str:
        return _follow_rules(field, normalise_credit_code(text))

    return parse


def _as_is(text: str, lookups: _Lookups) -> str:
    return text


def _record_id(text: str, lookups: _Lookups) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _Invalid("not_record_id", value=text) from None
    if value <= 0:
        raise _Invalid("not_record_id", value=text)
    return value
