"""The cell parsers: each turns a cell's text into the value to store, or says why it cannot."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from .lookups import _countries, _Lookups

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

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def credit_code_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def _text(max_length: int) -> Callable[[str, _Lookups], str]:
    def parse(text: str, lookups: _Lookups) -> str:
        if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
            text = text[1:]
        if len(text) > max_length:
            raise _Invalid("too_long", max=max_length, length=len(text))
        return text

    return parse


def _integer(low: int, high: int) -> Callable[[str, _Lookups], int]:
    def parse(text: str, lookups: _Lookups) -> int:
        try:
            value = int(text.replace(",", ""))
        except ValueError:
            raise _Invalid("not_integer", value=text) from None
        if not low <= value <= high:
            raise _Invalid("out_of_range", low=str(low), high=str(high))
        return value

    return parse


def _decimal(
    max_digits: int, places: int, low: Decimal | None, high: Decimal | None, percent: bool = False
) -> Callable[[str, _Lookups], Decimal]:
    quantum = Decimal(1).scaleb(-places)
    limit = Decimal(10) ** (max_digits - places)

    def parse(text: str, lookups: _Lookups) -> Decimal:
        cleaned = text.replace(",", "")
        if percent and cleaned.endswith("%"):
            cleaned = cleaned[:-1].strip()
        try:
            value = Decimal(cleaned).quantize(quantum, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise _Invalid("not_number", value=text) from None
        if not value.is_finite() or abs(value) >= limit:
            raise _Invalid("too_large", value=text)
        if (low is not None and value < low) or (high is not None and value > high):
            if high is None:
                raise _Invalid("at_least", low=str(low))
            raise _Invalid("out_of_range", low=str(low), high=str(high))
        return value

    return parse


def _choice(choices: type) -> Callable[[str, _Lookups], str]:
    values = {str(v) for v in choices.values}

    def parse(text: str, lookups: _Lookups) -> str:
        if text not in values:
            raise _Invalid("not_choice", value=text, choices=", ".join(sorted(values)))
        return text

    return parse


def _email_address(text: str, lookups: _Lookups) -> str:
    if len(text) > 254:
        raise _Invalid("too_long_max", max=254)
    try:
        _email(text)
    except ValidationError:
        raise _Invalid("bad_email", value=text) from None
    return text


def _link(text: str, lookups: _Lookups) -> str:
    # Directories list sites as "www.example.cn"; store them as links that work.
    return text if "://" in text else "https://" + text


def _website(text: str, lookups: _Lookups) -> str:
    text = _link(text, lookups)
    if len(text) > 200:
        raise _Invalid("too_long_max", max=200)
    try:
        _url(text)
    except ValidationError:
        raise _Invalid("bad_url", value=text) from None
    return text


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


def _country(text: str, lookups: _Lookups) -> str:
    text = text.upper()
    if text not in _countries():
        raise _Invalid("unknown_country", value=text)
    return text


def _park(text: str, lookups: _Lookups) -> int:
    try:
        park_id = int(text)
    except ValueError:
        raise _Invalid("not_park", value=text) from None
    if park_id not in lookups.parks:
        raise _Invalid("no_park", value=park_id)
    return park_id


def _credit_code(text: str, lookups: _Lookups) -> str:
    code = text.upper()
    if not _CREDIT_CODE.fullmatch(code):
        raise _Invalid("bad_credit_code", value=text)
    if credit_code_check_char(code[:17]) != code[17]:
        raise _Invalid("credit_code_check", value=text)
    return code


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
