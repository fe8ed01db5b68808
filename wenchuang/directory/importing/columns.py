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
from django.utils.text import format_lazy
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
    """A cell value that cannot be accepted: a reason code (see reasons.py) and its values."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        # The report quotes the cell; a cell of megabytes is quoted by its start.
        self.params = {
            k: v[:100] + "…" if isinstance(v, str) and len(v) > 100 else v
            for k, v in params.items()
        }


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
    if lookups.jurisdiction is not None and not text.startswith(lookups.jurisdiction):
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


@dataclass(frozen=True)
class Column:
    name: str
    attname: str
    parse: Callable[[str, _Lookups], Any]
    empty: Any = ""
    # For the writing pass, when the row is known to be valid: the same value, cheaper.
    convert: Callable[[str, _Lookups], Any] | None = None
    # What the column holds, for the import page and the template file.
    meaning: Any = ""


_LANGUAGES = {
    "zh_hans": gettext_lazy("Chinese"),
    "en": gettext_lazy("English"),
    "fr": gettext_lazy("French"),
    "de": gettext_lazy("German"),
}


def _language_of(column: str) -> Any:
    return _LANGUAGES[column.split("_", 1)[1]]


def _common_columns() -> list[Column]:
    columns = [
        Column(
            "id",
            "id",
            _record_id,
            None,
            meaning=gettext_lazy(
                "The record's number, as exports give it: the row then updates that record. "
                "Leave it empty for a new record."
            ),
        )
    ]
    columns += [Column(n, n, _text(200), meaning=_name_meaning(n)) for n in NAME_COLUMNS]
    columns += [
        Column(n, n, _text(20_000), meaning=_description_meaning(n)) for n in DESCRIPTION_COLUMNS
    ]
    columns += [
        Column(
            "region_code",
            "region_id",
            _region,
            None,
            meaning=gettext_lazy("Six-digit GB/T 2260 code of the county, city or province."),
        ),
        Column("address", "address", _text(300), meaning=gettext_lazy("Street address.")),
        Column(
            "contact_person",
            "contact_person",
            _text(100),
            meaning=gettext_lazy("Contact person (seen by agency staff only)."),
        ),
        Column(
            "email",
            "email",
            _email_address,
            convert=_as_is,
            meaning=gettext_lazy("Contact email address (seen by agency staff only)."),
        ),
        Column(
            "phone",
            "phone",
            _text(40),
            meaning=gettext_lazy("Contact telephone number (seen by agency staff only)."),
        ),
        Column(
            "website",
            "website",
            _website,
            convert=_link,
            meaning=gettext_lazy("Web site; “www.example.cn” is accepted."),
        ),
    ]
    return columns


def _name_meaning(column: str) -> Any:
    return format_lazy(
        gettext_lazy("Name in {language}, up to 200 characters."), language=_language_of(column)
    )


def _description_meaning(column: str) -> Any:
    return format_lazy(
        gettext_lazy("Description in {language}, up to 20,000 characters."),
        language=_language_of(column),
    )


THIS_YEAR = datetime.date.today().year
MONEY = _decimal(16, 2, Decimal(0), None)

_ = gettext_lazy

COLUMNS: dict[str, list[Column]] = {
    "enterprises": _common_columns()
    + [
        Column(
            "credit_code",
            "credit_code",
            _credit_code,
            None,
            meaning=_(
                "Unified social credit code, 18 characters; a row with a known code updates "
                "that enterprise."
            ),
        ),
        Column(
            "category_code",
            "category_id",
            _category,
            None,
            meaning=_("Four-digit small category of the 2018 culture-industry classification."),
        ),
        Column("park_id", "park_id", _park, None, meaning=_("Number of the park it is in.")),
        Column(
            "founded_year",
            "founded_year",
            _integer(1000, THIS_YEAR + 1),
            None,
            meaning=_("Year founded."),
        ),
        Column(
            "employees",
            "employees",
            _integer(0, 2_147_483_647),
            None,
            meaning=_("Number of employees."),
        ),
        Column(
            "annual_revenue",
            "annual_revenue",
            MONEY,
            None,
            meaning=_("Annual revenue in yuan, e.g. 3500000.00."),
        ),
        Column(
            "revenue_year",
            "revenue_year",
            _integer(1949, THIS_YEAR + 1),
            None,
            meaning=_("Year of that revenue."),
        ),
    ],
    "parks": _common_columns()
    + [
        Column(
            "level",
            "level",
            _choice(Park.Level),
            Park.Level.OTHER.value,
            meaning=format_lazy(
                _("Level of the park, one of: {choices}."),
                choices=", ".join(str(v) for v in Park.Level.values),
            ),
        ),
        Column(
            "latitude",
            "latitude",
            _decimal(9, 6, Decimal(-90), Decimal(90)),
            None,
            meaning=_("Latitude in degrees (WGS 84)."),
        ),
        Column(
            "longitude",
            "longitude",
            _decimal(9, 6, Decimal(-180), Decimal(180)),
            None,
            meaning=_("Longitude in degrees (WGS 84)."),
        ),
        Column(
            "area_hectares",
            "area_hectares",
            _decimal(10, 2, Decimal(0), None),
            None,
            meaning=_("Area in hectares."),
        ),
        Column(
            "vacancy_rate",
            "vacancy_rate",
            _decimal(5, 2, Decimal(0), Decimal(100), percent=True),
            None,
            meaning=_("Share of space vacant, in per cent (0 to 100)."),
        ),
    ],
    "investors": _common_columns()
    + [
        Column(
            "investor_type",
            "investor_type",
            _choice(Investor.InvestorType),
            Investor.InvestorType.VENTURE.value,
            meaning=format_lazy(
                _("Kind of investor, one of: {choices}."),
                choices=", ".join(str(v) for v in Investor.InvestorType.values),
            ),
        ),
        Column(
            "country",
            "country",
            _country,
            "CN",
            meaning=_("Two-letter ISO 3166 country code; CN when empty."),
        ),
        Column(
            "ticket_min",
            "ticket_min",
            MONEY,
            None,
            meaning=_("Smallest investment, in the currency below."),
        ),
        Column(
            "ticket_max",
            "ticket_max",
            MONEY,
            None,
            meaning=_("Largest investment, in the currency below."),
        ),
        Column(
            "currency_code",
            "currency_id",
            _currency,
            "CNY",
            meaning=_("Three-letter ISO 4217 currency code; CNY when empty."),
        ),
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
