"""An order from inquiry to completion, at a dated rate, and the refusals a user would meet."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.transitions import Conflict

from .. import selectors, services
from ..models import Listing, Order

DAY = dt.date(2026, 10, 15)  # a Thursday with ECB rates in the shipped history


def _walk_to_order(published, marie, rep, **quote):
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Bonjour!")
    services.quote_send(
        order=order,
        by=rep,
        unit_price=quote.get("price", "250.00"),
        currency=quote.get("currency", "CNY"),
    )
    services.order_place(order=order, by=marie, day=DAY)
    order.refresh_from_db()
    return order


def test_an_order_completes_and_keeps_the_rate_it_was_placed_at(published, marie, cast):
    rep = cast["rep"]
    order = _walk_to_order(published, marie, rep)
    assert order.status == Order.Status.ORDERED
    assert order.total == Decimal("5000.00")
    assert order.buyer_currency == "EUR" and order.rate_date == DAY
    # The ECB's CNY per euro on 15 October 2026, inverted: a little over 0.12.
    assert Decimal("0.10") < order.buyer_rate < Decimal("0.15")
    assert order.buyer_total == (Decimal("5000") * order.buyer_rate).quantize(Decimal("0.01"))
    assert order.total_cny == Decimal("5000.00")
    services.order_ship(order=order, by=rep)
    services.order_deliver(order=order, by=marie)
    with pytest.raises(PermissionDenied, match="payment"):
        services.order_complete(order=order, by=rep)
    services.payment_confirm(order=order, by=rep, reference="BOC 2026-1015-88")
    services.order_complete(order=order, by=rep)
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED and order.completed_at
    assert order.payments.get().reference == "BOC 2026-1015-88"


def test_the_seller_hears_of_an_inquiry_in_chinese_and_the_buyer_of_the_quote_in_english(
    published, marie, cast, django_capture_on_commit_callbacks
):
    rep = cast["rep"]
    rep.language = "zh-hans"
    rep.save()
    with django_capture_on_commit_callbacks(execute=True):
        order = services.inquiry_send(
            listing=published, by=marie, quantity=20, message="Can you ship to Lyon?"
        )
    assert mail.outbox[-1].to == [rep.email]
    assert "新询价" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.quote_send(order=order, by=rep, unit_price="250", currency="CNY")
    assert mail.outbox[-1].to == [marie.email]
    assert mail.outbox[-1].subject.startswith("Quote received")


@pytest.mark.parametrize("quantity", [-5, 0, "abc"])
def test_a_bad_quantity_is_refused_with_a_message(published, marie, quantity):
    with pytest.raises(ValidationError) as refused:
        services.inquiry_send(listing=published, by=marie, quantity=quantity, message="Hello")
    assert "quantity" in refused.value.message_dict
    assert not Order.objects.exists()


def test_an_order_below_the_minimum_is_refused(published, marie):
    with pytest.raises(ValidationError, match="minimum order is 10"):
        services.inquiry_send(listing=published, by=marie, quantity=3, message="Hello")


def test_a_withdrawn_listing_takes_no_inquiry_and_no_order(published, marie, cast):
    rep = cast["rep"]
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    services.quote_send(order=order, by=rep, unit_price="250", currency="CNY")
    services.listing_withdraw(listing=published, by=rep)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.order_place(order=order, by=marie, day=DAY)
    with pytest.raises(PermissionDenied, match="withdrawn"):
        services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    order.refresh_from_db()
    assert order.status == Order.Status.QUOTE


def test_a_currency_without_a_rate_on_that_day_is_refused_and_nothing_changes(
    published, marie, cast
):
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    services.quote_send(order=order, by=cast["rep"], unit_price="250", currency="CNY")
    marie.buyer_profile.preferred_currency_id = "RUB"  # the ECB stopped quoting it in 2022
    marie.buyer_profile.save()
    with pytest.raises(ValidationError, match="no exchange rate from CNY to RUB"):
        services.order_place(order=order, by=marie, day=DAY)
    order.refresh_from_db()
    assert order.status == Order.Status.QUOTE and order.total is None


def test_only_the_buyer_accepts_a_quote_and_a_double_click_places_it_once(published, marie, cast):
    rep = cast["rep"]
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    services.quote_send(order=order, by=rep, unit_price="250", currency="CNY")
    with pytest.raises(PermissionDenied):
        services.order_place(order=order, by=rep, day=DAY)
    stale = Order.objects.get(pk=order.pk)
    services.order_place(order=order, by=marie, day=DAY)
    with pytest.raises((Conflict, ValidationError)):
        services.order_place(order=stale, by=marie, day=DAY)


def test_the_thread_is_for_the_buyer_and_the_seller(published, marie, cast):
    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    services.message_send(order=order, by=cast["rep"], body="您好，可以发货到法国。")
    with pytest.raises(PermissionDenied):
        services.message_send(order=order, by=cast["rival_rep"], body="spam")
    assert [m.body for m in selectors.messages_of(order)] == ["Hi", "您好，可以发货到法国。"]


def test_completed_orders_abroad_count_as_cultural_exports(published, marie, cast):
    rep = cast["rep"]
    order = _walk_to_order(published, marie, rep)
    services.order_ship(order=order, by=rep)
    services.order_deliver(order=order, by=marie)
    services.payment_confirm(order=order, by=rep)
    services.order_complete(order=order, by=rep)
    # A domestic order, completed too, is not an export.
    from .factories import buyer

    local = buyer("wang", country="CN", currency="CNY", language="zh-hans")
    domestic = services.inquiry_send(listing=published, by=local, quantity=10, message="你好")
    services.quote_send(order=domestic, by=rep, unit_price="260", currency="CNY")
    services.order_place(order=domestic, by=local, day=DAY)
    services.order_ship(order=domestic, by=rep)
    services.order_deliver(order=domestic, by=local)
    services.payment_confirm(order=domestic, by=cast["wuxi_staff"])
    services.order_complete(order=domestic, by=cast["wuxi_staff"])
    today = dt.date.today()
    rows = selectors.cultural_exports(today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    assert [(r.class_code, r.country, r.amount_cny, r.orders) for r in rows] == [
        ("0241", "FR", Decimal("5000.00"), 1)
    ]
    assert (
        selectors.cultural_exports(today - dt.timedelta(days=30), today - dt.timedelta(days=2))
        == []
    )
    report = selectors.sales_report(rep)
    assert report[0].orders == 2 and report[0].amount_cny == Decimal("7600.00")
    assert report[0].export_cny == Decimal("5000.00")
    # The statistics read the export (not the domestic order) as the seller's cultural
    # exports, year to date, in the seller's region and the listing's class.
    _the_cube_counts_the_export(published, today)


def _the_cube_counts_the_export(listing, today):
    from wenchuang.market.export_figures import exports_for_period
    from wenchuang.statistics.cube import build_cube
    from wenchuang.statistics.models import CubeCell, Indicator, Period
    from wenchuang.statistics.sources import sources
    from wenchuang.statistics.standard import load_standard

    assert exports_for_period in sources()["cultural_exports"]
    load_standard(only_if_empty=True)
    period = Period.objects.create(
        year=today.year, quarter=(today.month - 1) // 3 + 1, due_on=today + dt.timedelta(days=30)
    )
    rows = exports_for_period(period)
    assert [(r.region_code, r.class_code, r.value) for r in rows] == [
        (listing.enterprise.region_id, "0241", Decimal("5000.00"))
    ]
    build_cube(period_ids=[period.pk])
    exports = Indicator.objects.get(code="cultural_exports")
    national = CubeCell.objects.get(
        period=period, indicator=exports, region_level=0, class_level=0, park_id=0
    )
    assert national.value == Decimal("5000.00") and national.contributors == 1


def test_a_listing_waits_for_moderation_before_anyone_can_order(seller, cast, marie):
    from .factories import listing

    pending = listing(seller, cast["rep"])
    assert pending.status == Listing.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.inquiry_send(listing=pending, by=marie, quantity=20, message="Hi")
    with pytest.raises(PermissionDenied):
        services.listing_moderate(listing=pending, by=cast["dalian_staff"], publish=True)
    services.listing_moderate(listing=pending, by=cast["wuxi_staff"], publish=True)
    assert selectors.listing_search(selectors.ListingFilters(q="泥塑")).get() == pending
