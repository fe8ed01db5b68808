"""Who may do what in the marketplace: the role × action matrix, as the pages and API ask it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from .. import permissions, services
from ..models import Listing, Order
from ..workflows import LISTING, ORDER

ROLES = ["visitor", "buyer", "seller", "rival_rep", "wuxi_staff", "dalian_staff", "national_staff"]

# Expected answers, one letter per role in ROLES order: Y allowed, . refused.
LISTING_MATRIX = {
    "view published": "YYYYYYY",
    "view pending": "..Y.Y.Y",
    "create": "..Y....",
    "edit": "..Y....",
    "moderate pending": "....Y.Y",
    "inquire": ".Y.YYYY",
}
ORDER_MATRIX = {
    "view": ".YY.Y.Y",
    "quote": "..Y....",
    "cancel": ".YY....",
    "message": ".YY....",
    "place (quoted)": ".Y.....",
    "confirm payment (ordered)": "..Y.Y.Y",
}


@pytest.fixture
def people(cast, marie):
    return {
        "visitor": AnonymousUser(),
        "buyer": marie,
        "seller": cast["rep"],
        "rival_rep": cast["rival_rep"],
        "wuxi_staff": cast["wuxi_staff"],
        "dalian_staff": cast["dalian_staff"],
        "national_staff": cast["national_staff"],
    }


def _answers(check, people) -> str:
    return "".join("Y" if check(people[role]) else "." for role in ROLES)


def test_listing_actions_by_role(people, seller, published):
    pending = Listing.objects.create(
        enterprise=seller,
        category_id="0241",
        major_code="02",
        mid_code="024",
        title_en="Pending sketchbook",
        region_id=seller.region_id,
        province_code="320000",
        prefecture_code="320200",
    )
    checks = {
        "view published": lambda u: permissions.can_view_listing(u, published),
        "view pending": lambda u: permissions.can_view_listing(u, pending),
        "create": lambda u: permissions.can_create_listing(u, seller),
        "edit": lambda u: permissions.can_edit_listing(u, published),
        "moderate pending": lambda u: LISTING.check(u, pending, Listing.Status.PUBLISHED),
        "inquire": lambda u: permissions.can_inquire(u, published),
    }
    got = {action: _answers(check, people) for action, check in checks.items()}
    assert got == LISTING_MATRIX


def test_order_actions_by_role(people, published, marie, cast):
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    quoted = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi again")
    services.quote_send(order=quoted, by=cast["rep"], unit_price="250", currency="CNY")
    placed = Order.objects.get(pk=quoted.pk)
    placed.status = Order.Status.ORDERED  # as the buyer's acceptance leaves it
    checks = {
        "view": lambda u: permissions.can_view_order(u, order),
        "quote": lambda u: ORDER.check(u, order, Order.Status.QUOTE),
        "cancel": lambda u: ORDER.check(u, order, Order.Status.CANCELLED),
        "message": lambda u: permissions.can_write_message(u, order),
        "place (quoted)": lambda u: ORDER.check(u, quoted, Order.Status.ORDERED),
        "confirm payment (ordered)": lambda u: permissions.can_confirm_payment(u, placed),
    }
    got = {action: _answers(check, people) for action, check in checks.items()}
    assert got == ORDER_MATRIX


def test_a_refusal_says_why(people, published):
    decision = permissions.can_moderate(people["dalian_staff"], published)
    assert not decision and "outside your jurisdiction" in decision.reason
