"""Writes on orders: inquiry, quote, order at a dated rate, shipping, payment, completion."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.audit import audit_record
from wenchuang.core.money import Money, NoRate, convert
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.transitions import changed_meanwhile, transition, version_of

from .. import permissions
from ..models import MAX_QUANTITY, BuyerProfile, Listing, Message, Order
from ..payments import provider
from ..workflows import ORDER, PAYMENT


def _quantity(value: Any, listing: Listing) -> int:
    try:
        quantity = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError({"quantity": _("Enter the quantity as a whole number.")}) from None
    if quantity < 1:
        raise ValidationError({"quantity": _("The quantity must be at least 1.")})
    if quantity > MAX_QUANTITY:
        raise ValidationError({"quantity": _("The quantity is too large.")})
    if quantity < listing.minimum_order:
        raise ValidationError(
            {
                "quantity": _("The seller's minimum order is %(minimum)s.")
                % {"minimum": listing.minimum_order}
            }
        )
    return quantity


def profile_of(user) -> BuyerProfile:
    """The buyer's profile; a user without one buys from China in yuan (not saved)."""
    return BuyerProfile.objects.filter(user=user).first() or BuyerProfile(user=user)


def _sellers(order: Order):
    organisation = order.seller.organisation_id
    return roles.representatives(organisation, Role.ENTERPRISE_REP) if organisation else []


def _tell(order: Order, recipients, event: str = "market_order_changed", **context) -> None:
    notify(event, recipients, {"order": order, **context}, link=order.get_absolute_url())


def _tell_other_side(order: Order, by, event: str = "market_order_changed", **context) -> None:
    if permissions.is_buyer(by, order):
        _tell(order, _sellers(order), event, **context)
    elif permissions.is_order_seller(by, order):
        _tell(order, [order.buyer], event, **context)
    else:  # staff: both sides hear of it
        _tell(order, [order.buyer, *_sellers(order)], event, **context)


@transaction.atomic
def inquiry_send(*, listing: Listing, by, quantity: Any, message: str) -> Order:
    """A buyer asks the seller about a published listing; the thread starts with it."""
    listing = Listing.objects.select_related("enterprise").get(pk=listing.pk)
    require(permissions.can_inquire(by, listing))
    quantity = _quantity(quantity, listing)
    if not (message or "").strip():
        raise ValidationError({"message": _("Write your question to the seller.")})
    profile = profile_of(by)
    if not listing.serves(profile.country):
        raise ValidationError(_("The seller does not deliver to your country."))
    order = Order.objects.create(
        listing=listing,
        buyer=by,
        seller=listing.enterprise,
        quantity=quantity,
        buyer_country=profile.country,
        class_code=listing.category_id,
        major_code=listing.major_code,
    )
    Message.objects.create(order=order, author=by, body=message.strip())
    audit_record(actor=by, action="create", instance=order)
    _tell(order, _sellers(order), "market_inquiry", message=message.strip())
    return order


def _price(value: Any) -> Decimal:
    try:
        price = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"unit_price": _("Enter the unit price as a number.")}) from None
    if not price.is_finite() or price <= 0:
        raise ValidationError({"unit_price": _("The unit price must be more than zero.")})
    return price.quantize(Decimal("0.01"))


@transaction.atomic
def quote_send(
    *, order: Order, by, unit_price: Any, currency: str | None, note: str = "", quantity: Any = None
) -> Order:
    """The seller answers with a unit price (and may change the quantity to what they offer)."""
    if not currency:
        raise ValidationError({"currency": _("A price needs its currency.")})
    price = _price(unit_price)
    updates: dict[str, Any] = {
        "unit_price": price,
        "currency_id": str(currency).upper(),
        "quote_note": note or "",
    }
    if quantity not in (None, ""):
        updates["quantity"] = _quantity(quantity, order.listing)
    from wenchuang.reference.models import Currency

    if not Currency.objects.filter(pk=updates["currency_id"]).exists():
        raise ValidationError({"currency": _("Unknown currency.")})
    transition(order, ORDER, Order.Status.QUOTE, by=by, updates=updates, note=note)
    _tell(order, [order.buyer], "market_quote")
    return order


@transaction.atomic
def order_place(*, order: Order, by, day=None, version: str | None = None) -> Order:
    """The buyer accepts the quote: the totals and the day's exchange rates are kept.

    `version` is the order as the buyer saw it (the page's hidden field): a quote changed
    since is refused rather than accepted at a price the buyer never read.
    """
    require(permissions.as_buyer(by, order))
    if version and version != version_of(order):
        raise changed_meanwhile(order)
    listing = Listing.objects.get(pk=order.listing_id)
    if listing.status != Listing.Status.PUBLISHED:
        raise ValidationError(
            _("The listing has been withdrawn or is not published any more; it takes no orders.")
        )
    if order.unit_price is None or not order.currency_id:
        raise ValidationError(_("There is no quote to accept yet."))
    total = Money(order.unit_price * order.quantity, order.currency_id)
    day = day or timezone.localdate()
    profile = profile_of(by)
    try:
        in_buyer = convert(total, profile.preferred_currency_id or "CNY", day)
        in_yuan = convert(total, "CNY", day)
    except NoRate as missing:
        raise ValidationError(missing.message, code="no_rate") from None
    transition(
        order,
        ORDER,
        Order.Status.ORDERED,
        by=by,
        expected=Order.Status.QUOTE,
        expected_values={"unit_price": order.unit_price, "currency_id": order.currency_id},
        updates={
            "total": total.amount,
            "buyer_currency": in_buyer.converted.currency,
            "buyer_rate": in_buyer.rate,
            "buyer_total": in_buyer.converted.amount,
            "cny_rate": in_yuan.rate,
            "total_cny": in_yuan.converted.amount,
            "rate_date": in_buyer.rate_date,
            "placed_at": timezone.now(),
        },
    )
    _tell(order, _sellers(order), "market_order_placed")
    return order


@transaction.atomic
def order_ship(*, order: Order, by, note: str = "") -> Order:
    transition(order, ORDER, Order.Status.SHIPPED, by=by, note=note)
    _tell(order, [order.buyer])
    return order


@transaction.atomic
def order_deliver(*, order: Order, by) -> Order:
    transition(order, ORDER, Order.Status.DELIVERED, by=by)
    _tell(order, _sellers(order))
    return order


@transaction.atomic
def payment_confirm(*, order: Order, by, reference: str = "", provider_key: str = "manual"):
    """Record the payment of the order's total (no money moves through the platform)."""
    require(permissions.can_confirm_payment(by, order))
    now = timezone.now()
    moved = Order.objects.filter(pk=order.pk, paid_at=None).update(paid_at=now, updated_at=now)
    if not moved:
        raise ValidationError(_("The payment has already been confirmed."), code="conflict")
    order.paid_at = now
    total = order.total_money
    assert total is not None  # an order placed has its total
    payment = provider(provider_key).confirm(order=order, amount=total, by=by, reference=reference)
    audit_record(actor=by, action=PAYMENT, instance=order, note=reference)
    _tell_other_side(order, by, "market_order_changed")
    return payment


@transaction.atomic
def order_complete(*, order: Order, by) -> Order:
    transition(
        order, ORDER, Order.Status.COMPLETED, by=by, updates={"completed_at": timezone.now()}
    )
    _tell_other_side(order, by)
    return order


@transaction.atomic
def order_cancel(*, order: Order, by, note: str = "") -> Order:
    transition(order, ORDER, Order.Status.CANCELLED, by=by, note=note)
    _tell_other_side(order, by)
    return order


@transaction.atomic
def message_send(*, order: Order, by, body: str) -> Message:
    require(permissions.can_write_message(by, order))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("The message is empty.")})
    message = Message(order=order, author=by, body=body)
    message.full_clean(exclude=["order", "author"])
    message.save()
    _tell_other_side(order, by, "market_message", message=message)
    return message
