"""How an order is paid: a provider interface, and the one provider today, manual confirmation.

No money moves through the platform (decision 0026). A provider records that an order has
been paid; a future card or bank provider implements the same protocol and is named in
`PROVIDERS`. The order's services call `provider(...).confirm(...)` inside their transaction.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import Money

from .models import Order, Payment


class PaymentProvider(Protocol):
    """What a payment provider does for the marketplace."""

    key: str
    label: Any

    def confirm(self, *, order: Order, amount: Money, by: Any, reference: str = "") -> Payment:
        """Record that `amount` was paid for `order`; raise ValidationError if it was not."""
        ...


class ManualConfirmation:
    """The seller (or agency staff) records a payment received outside the platform,
    e.g. a bank transfer, with its reference."""

    key = "manual"
    label = _("manual confirmation by the seller or staff")

    def confirm(self, *, order: Order, amount: Money, by: Any, reference: str = "") -> Payment:
        return Payment.objects.create(
            order=order,
            provider=self.key,
            amount=amount.amount,
            currency_id=amount.currency,
            reference=reference[:120],
            confirmed_by=by,
        )


PROVIDERS: dict[str, PaymentProvider] = {ManualConfirmation.key: ManualConfirmation()}


def provider(key: str = ManualConfirmation.key) -> PaymentProvider:
    return PROVIDERS[key]
