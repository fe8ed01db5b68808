"""Turning the codes a form or a client sends into rows, with a clear message for an unknown one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wenchuang.reference.models import Currency, IndustryCategory, Region

from ..models import ProjectCategory


def _unknown(field: str, value: Any) -> ValidationError:
    return ValidationError({field: _("Unknown code “%(code)s”.") % {"code": value}})


def category(value: Any, field: str = "category") -> ProjectCategory:
    if isinstance(value, ProjectCategory):
        return value
    row = ProjectCategory.objects.filter(code=str(value or "")).first()
    if row is None:
        raise _unknown(field, value)
    return row


def industry_class(value: Any, field: str = "industry_class") -> IndustryCategory | None:
    if value in (None, ""):
        return None
    if isinstance(value, IndustryCategory):
        return value
    row = IndustryCategory.objects.filter(code=str(value)).first()
    if row is None:
        raise _unknown(field, value)
    return row


def region(value: Any, field: str = "region") -> Region:
    if isinstance(value, Region):
        return value
    row = Region.objects.filter(code=str(value or "")).first()
    if row is None:
        raise _unknown(field, value)
    return row


def currency(value: Any, field: str = "currency") -> Currency | None:
    if value in (None, ""):
        return None
    if isinstance(value, Currency):
        return value
    row = Currency.objects.filter(code=str(value).upper()).first()
    if row is None:
        raise _unknown(field, value)
    return row


def amount_with_currency(
    amount: Any, code: Any, *, amount_field: str, currency_field: str = "currency"
) -> Currency | None:
    """The currency of an amount; an amount without one is refused, naming the field."""
    found = currency(code, currency_field)
    if amount not in (None, "") and found is None:
        raise ValidationError(
            {currency_field: _("Give the currency of the amount (e.g. CNY, USD, EUR).")}
        )
    return found
