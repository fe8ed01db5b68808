"""Field rules every domain reuses: credit codes, text lengths, links, years and ranges.

A rule is a Django validator placed on a model field; forms, API schemas
(`wenchuang.core.schema_rules`) and importers run the field's validators, so the same
bad value gets the same refusal on every path. See docs/developing.md, "Field rules".
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# A description in any language: long enough for a full profile, the same on every path.
DESCRIPTION_MAX_LENGTH = 20_000

# The earliest year an enterprise may say it was founded: old publishing houses and
# workshops ("time-honoured brands") go back centuries.
EARLIEST_FOUNDING_YEAR = 1000
# Revenue figures are reported for the People's Republic's statistics.
EARLIEST_REVENUE_YEAR = 1949
# The database's own bound for years (a constraint cannot read the clock).
LATEST_YEAR_BOUND = 2100
# A headcount beyond this is a typing error, not an enterprise.
MAX_EMPLOYEES = 10_000_000

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_LENGTH = 18
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def next_year() -> int:
    """This year plus one: a founding or revenue year may be given for the year ahead."""
    return datetime.date.today().year + 1


def credit_code_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalise_credit_code(value: object) -> object:
    """A credit code as printed, in capitals (a code typed in lower case is the same code);
    an empty one is no code (None), so that two records without a code do not collide."""
    if isinstance(value, str):
        return value.strip().upper() or None
    return value


@deconstructible
class CreditCodeValidator:
    """A unified social credit code (GB 32100-2015): its form and its check character."""

    form_message = _(
        "Enter a unified social credit code of 18 letters and digits, not “%(value)s”."
    )
    check_message = _("The check character of the credit code “%(value)s” is wrong.")

    def __call__(self, value: str) -> None:
        value = str(value)
        if not _CREDIT_CODE.fullmatch(value):
            raise ValidationError(self.form_message, code="credit_code", params={"value": value})
        if credit_code_check_char(value[:17]) != value[17]:
            raise ValidationError(
                self.check_message, code="credit_code_check", params={"value": value}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CreditCodeValidator)

    def __hash__(self) -> int:
        return hash(CreditCodeValidator)


validate_credit_code = CreditCodeValidator()


def validate_website(value: str) -> None:
    """A web site readers can open: http or https only (not ftp, which URLField allows).

    Meant beside URLField's own URLValidator, which checks the rest of the address; parsing
    the address twice would double the cost of a million-row import.
    """
    if str(value).split(":", 1)[0].lower() not in {"http", "https"}:
        raise ValidationError(URLValidator.message, code="invalid", params={"value": value})


# A telephone number as people write it: digits with +, spaces, dashes, brackets, slashes
# and an extension ("0510-8888 1234 转 8001"), at least five digits.
validate_phone = RegexValidator(
    r"^(?=(?:\D*\d){5})[0-9+()\-\s./,;#*转分机extEXT]+$",
    _("Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”."),
    code="phone",
)


@cache
def _country_codes() -> frozenset[str]:
    import pycountry  # a few hundred rows, read once, only when a country is checked

    return frozenset(country.alpha_2 for country in pycountry.countries)


def validate_country(value: str) -> None:
    """A two-letter ISO 3166 country code, in capitals ("CN", "FR")."""
    if value not in _country_codes():
        raise ValidationError(
            _("Unknown country code “%(value)s” (ISO 3166)."),
            code="country",
            params={"value": value},
        )


def normalise_code(value: object) -> object:
    """A country or currency code as written in lists, in capitals."""
    return value.strip().upper() if isinstance(value, str) else value


def description_length() -> list:
    """The validators of a description, in any language."""
    return [MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]


def year_range(earliest: int) -> list:
    """The validators of a year between `earliest` and next year."""
    return [MinValueValidator(earliest), MaxValueValidator(next_year)]


def value_range(low: object = None, high: object = None) -> list:
    """The validators of a number between `low` and `high` (either may be None)."""
    rules: list = []
    if low is not None:
        rules.append(MinValueValidator(low))
    if high is not None:
        rules.append(MaxValueValidator(high))
    return rules
