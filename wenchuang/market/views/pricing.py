"""The price of a listing in the reader's currency, at the dated rate, for pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from wenchuang.core.money import Conversion, Money, NoRate, convert

from ..models import BuyerProfile


def reader_currency(request: HttpRequest) -> str:
    """?currency= first, then the buyer's preferred currency, else yuan."""
    asked = (request.GET.get("currency") or "").strip().upper()
    if len(asked) == 3 and asked.isalpha():
        return asked
    user = request.user
    if getattr(user, "is_authenticated", False):
        profile = BuyerProfile.objects.filter(user=user).only("preferred_currency").first()
        if profile is not None:
            return profile.preferred_currency_id
    return "CNY"


@dataclass(frozen=True)
class ShownPrice:
    conversion: Conversion | None = None
    missing: str = ""  # the message when there is no rate


def shown_price(money: Money | None, currency: str) -> ShownPrice | None:
    """None when the listing has no price or already is in the reader's currency."""
    if money is None or money.currency == currency:
        return None
    try:
        return ShownPrice(conversion=convert(money, currency))
    except NoRate as missing:
        return ShownPrice(missing=missing.message)
