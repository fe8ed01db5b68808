"""Races on one order, on real connections (PostgreSQL): exactly one side wins."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.tests.concurrency import at_once, needs_postgres

from .. import services
from ..models import Order, Payment
from .factories import buyer, listing, seller_enterprise

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]
DAY = dt.date(2026, 10, 15)


@pytest.fixture
def placed(reference_data, cast, orgs):
    item = listing(seller_enterprise(orgs["acme"]), cast["rep"], cast["wuxi_staff"])
    marie = buyer()
    order = services.inquiry_send(listing=item, by=marie, quantity=20, message="Bonjour")
    services.quote_send(order=order, by=cast["rep"], unit_price="250", currency="CNY")
    services.order_place(order=order, by=marie, day=DAY)
    return order, marie


def test_the_buyer_cancelling_while_the_seller_ships_cannot_both_win(placed, cast):
    order, marie = placed

    def cancel():
        return services.order_cancel(order=Order.objects.get(pk=order.pk), by=marie)

    def ship():
        return services.order_ship(order=Order.objects.get(pk=order.pk), by=cast["rep"])

    outcomes = at_once(cancel, ship)
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(winners) == 1, outcomes
    assert isinstance(next(o for o in outcomes if isinstance(o, Exception)), ValidationError)
    assert Order.objects.get(pk=order.pk).status == winners[0].status


def test_a_payment_confirmed_twice_at_once_is_recorded_once(placed, cast):
    order, _marie = placed

    def confirm(user):
        return lambda: services.payment_confirm(
            order=Order.objects.get(pk=order.pk), by=user, reference="BOC-1"
        )

    outcomes = at_once(confirm(cast["rep"]), confirm(cast["wuxi_staff"]))
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1, outcomes
    assert Payment.objects.filter(order=order).count() == 1
