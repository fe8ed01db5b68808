"""The kinds of record and their columns, with the cell parsers that validate each value."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CONTACT_FIELDS, Enterprise, Investor, Park
from .lookups import _countries, _Lookups

KINDS: dict[str, type[Enterprise | Park | Investor]] = {
    "enterprises": Enterprise,
    "parks": Park,
    "investors": Investor,
}
KIND_LABELS = {
    "enterprises": gettext_lazy("enterprises"),
    "parks": gettext_lazy("parks"),
    "investors": gettext_lazy("investors"),
}

NAME_COLUMNS = ("name_zh_hans", "name_en", "name_fr", "name_de")
DESCRIPTION_COLUMNS = (
    "description_zh_hans",
    "description_en",
    "description_fr",
    "description_de",
)
# Columns only staff may see; exports leave them out unless asked.
CONTACT_COLUMNS = CONTACT_FIELDS

# Characters that make a spreadsheet treat a text cell as a formula; exports put a quote in
# front of such text and the importer takes it off again, so values survive a round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Invalid(Exception):
    """A cell value that cannot be accepted; the message is the translated reason."""


# --- cell parsers ----------------------------------------------------------------------------
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
            raise _Invalid(
                _("Longer than %(max)d characters (it has %(length)d).")
                % {"max": max_length, "length": len(text)}
            )
        return text

    return parse


def _integer(low: int, high: int) -> Callable[[str, _Lookups], int]:
    def parse(text: str, lookups: _Lookups) -> int:
        try:
            value = int(text.replace(",", ""))
        except ValueError:
            raise _Invalid(_("Not a whole number: “%(value)s”.") % {"value": text}) from None
        if not low <= value <= high:
            raise _Invalid(_("Must be between %(low)s and %(high)s.") % {"low": low, "high": high})
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
            raise _Invalid(_("Not a number: “%(value)s”.") % {"value": text}) from None
        if not value.is_finite() or abs(value) >= limit:
            raise _Invalid(_("The number %(value)s is too large.") % {"value": text})
        if (low is not None and value < low) or (high is not None and value > high):
            if high is None:
                raise _Invalid(_("Must be at least %(low)s.") % {"low": low})
            raise _Invalid(_("Must be between %(low)s and %(high)s.") % {"low": low, "high": high})
        return value

    return parse


def _choice(choices: type) -> Callable[[str, _Lookups], str]:
    values = {str(v) for v in choices.values}

    def parse(text: str, lookups: _Lookups) -> str:
        if text not in values:
            raise _Invalid(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(sorted(values))}
            )
        return text

    return parse


def _email_address(text: str, lookups: _Lookups) -> str:
    if len(text) > 254:
        raise _Invalid(_("Longer than %(max)d characters.") % {"max": 254})
    try:
        _email(text)
    except ValidationError:
        raise _Invalid(_("Not a valid email address: “%(value)s”.") % {"value": text}) from None
    return text


def _link(text: str, lookups: _Lookups) -> str:
    # Directories list sites as "www.example.cn"; store them as links that work.
    return text if "://" in text else "https://" + text


def _website(text: str, lookups: _Lookups) -> str:
    text = _link(text, lookups)
    if len(text) > 200:
        raise _Invalid(_("Longer than %(max)d characters.") % {"max": 200})
    try:
        _url(text)
    except ValidationError:
        raise _Invalid(_("Not a valid web address: “%(value)s”.") % {"value": text}) from None
    return text


def _region(text: str, lookups: _Lookups) -> str:
    if text not in lookups.regions:
        raise _Invalid(_("Unknown region code “%(value)s” (GB/T 2260).") % {"value": text})
    if not lookups.in_jurisdiction(text):
        raise _Invalid(_("Region %(value)s lies outside your jurisdiction.") % {"value": text})
    return text


def _category(text: str, lookups: _Lookups) -> str:
    if text not in lookups.categories:
        raise _Invalid(
            _("“%(value)s” is not a small category of the 2018 culture-industry classification.")
            % {"value": text}
        )
    return text


def _currency(text: str, lookups: _Lookups) -> str:
    text = text.upper()
    if text not in lookups.currencies:
        raise _Invalid(_("Unknown currency code “%(value)s” (ISO 4217).") % {"value": text})
    return text


def _country(text: str, lookups: _Lookups) -> str:
    text = text.upper()
    if text not in _countries():
        raise _Invalid(_("Unknown country code “%(value)s” (ISO 3166).") % {"value": text})
    return text


def _park(text: str, lookups: _Lookups) -> int:
    try:
        park_id = int(text)
    except ValueError:
        raise _Invalid(_("Not a park number: “%(value)s”.") % {"value": text}) from None
    if park_id not in lookups.parks:
        raise _Invalid(_("There is no park number %(value)s.") % {"value": park_id})
    return park_id


def _credit_code(text: str, lookups: _Lookups) -> str:
    code = text.upper()
    if not _CREDIT_CODE.fullmatch(code):
        raise _Invalid(
            _("Not a unified social credit code (18 letters and digits): “%(value)s”.")
            % {"value": text}
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise _Invalid(
            _("The check character of credit code “%(value)s” is wrong.") % {"value": text}
        )
    return code


def _as_is(text: str, lookups: _Lookups) -> str:
    return text


@dataclass(frozen=True)
class Column:
    name: str
    attname: str
    parse: Callable[[str, _Lookups], Any]
    empty: Any = ""
    # For the writing pass, when the row is known to be valid: the same value, cheaper.
    convert: Callable[[str, _Lookups], Any] | None = None


def _common_columns() -> list[Column]:
    columns = [Column(n, n, _text(200)) for n in NAME_COLUMNS]
    columns += [Column(n, n, _text(20_000)) for n in DESCRIPTION_COLUMNS]
    columns += [
        Column("region_code", "region_id", _region, None),
        Column("address", "address", _text(300)),
        Column("contact_person", "contact_person", _text(100)),
        Column("email", "email", _email_address, convert=_as_is),
        Column("phone", "phone", _text(40)),
        Column("website", "website", _website, convert=_link),
    ]
    return columns


THIS_YEAR = datetime.date.today().year
MONEY = _decimal(16, 2, Decimal(0), None)

COLUMNS: dict[str, list[Column]] = {
    "enterprises": _common_columns()
    + [
        Column("credit_code", "credit_code", _credit_code, None),
        Column("category_code", "category_id", _category, None),
        Column("park_id", "park_id", _park, None),
        Column("founded_year", "founded_year", _integer(1000, THIS_YEAR + 1), None),
        Column("employees", "employees", _integer(0, 2_147_483_647), None),
        Column("annual_revenue", "annual_revenue", MONEY, None),
        Column("revenue_year", "revenue_year", _integer(1949, THIS_YEAR + 1), None),
    ],
    "parks": _common_columns()
    + [
        Column("level", "level", _choice(Park.Level), Park.Level.OTHER.value),
        Column("latitude", "latitude", _decimal(9, 6, Decimal(-90), Decimal(90)), None),
        Column("longitude", "longitude", _decimal(9, 6, Decimal(-180), Decimal(180)), None),
        Column("area_hectares", "area_hectares", _decimal(10, 2, Decimal(0), None), None),
        Column(
            "vacancy_rate",
            "vacancy_rate",
            _decimal(5, 2, Decimal(0), Decimal(100), percent=True),
            None,
        ),
    ],
    "investors": _common_columns()
    + [
        Column(
            "investor_type",
            "investor_type",
            _choice(Investor.InvestorType),
            Investor.InvestorType.VENTURE.value,
        ),
        Column("country", "country", _country, "CN"),
        Column("ticket_min", "ticket_min", MONEY, None),
        Column("ticket_max", "ticket_max", MONEY, None),
        Column("currency_code", "currency_id", _currency, "CNY"),
    ],
}
REQUIRED = {
    "enterprises": ("region_code", "category_code"),
    "parks": ("region_code",),
    "investors": ("region_code",),
}


def column_names(kind: str) -> list[str]:
    """The columns the importer accepts for a kind, in the order exports write them."""
    return [c.name for c in COLUMNS[kind]]
