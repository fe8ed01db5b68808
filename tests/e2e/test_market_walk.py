"""The marketplace in a real browser: a buyer in France (English) asks a Wuxi seller (Chinese)
about a listing, sees the price in euros with the rate's date, and the order completes; and a
seller's edited copy of a registered picture is flagged to the moderating staff."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tab(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, user, prefix: str = "/en") -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def click(page, text: str) -> None:
    page.get_by_role("button", name=text, exact=True).click()
    page.wait_for_load_state()


def test_a_foreign_buyer_orders_from_a_chinese_seller_in_euros(
    browser, live_server, reference_data, cast, orgs
):
    from wenchuang.market.models import Order
    from wenchuang.market.tests.factories import buyer, listing, seller_enterprise

    rep = cast["rep"]
    rep.language = "zh-hans"
    rep.save()
    listing(seller_enterprise(orgs["acme"]), rep, cast["wuxi_staff"])
    marie = buyer("marie", country="FR", currency="EUR", language="en")

    shopper = tab(browser, live_server, "en-US")
    sign_in(shopper, marie)
    shopper.goto("/en/market/?q=clay")
    shopper.get_by_role("link", name="Huishan clay figurine of an animated hero").click()
    price = shopper.locator(".converted").first
    assert "€" in price.inner_text() and "ECB rate of" in price.inner_text()
    assert re.match(r"\d{4}-\d{2}-\d{2}", price.get_attribute("data-rate-date"))
    shopper.locator("#id_quantity").fill("20")
    shopper.locator("#id_message").fill("Could you ship 20 figurines to Lyon before March?")
    click(shopper, "Send the inquiry")
    assert shopper.locator("#order-status").inner_text() == "inquiry"
    order_path = urlsplit(shopper.url).path.removeprefix("/en")

    seller = tab(browser, live_server, "zh-CN")
    sign_in(seller, rep, prefix="")
    seller.goto(order_path)
    assert "Could you ship 20 figurines to Lyon" in seller.locator("#thread").inner_text()
    assert seller.locator("#order-status").inner_text() == "询价"
    seller.locator("#id_unit_price").fill("250.00")
    click(seller, "发送报价")
    assert seller.locator("#order-status").inner_text() == "已报价"

    shopper.reload()
    click(shopper, "Accept the quote and order")
    total = shopper.locator("dd.converted").inner_text()
    assert "€" in total and "ECB rate of" in total
    order = Order.objects.get()
    assert order.buyer_currency == "EUR" and order.rate_date is not None

    seller.reload()
    click(seller, "标记为已发货")
    shopper.reload()
    click(shopper, "Confirm delivery")
    seller.reload()
    seller.locator("#reference").fill("BOC-2026-1130-001")
    click(seller, "确认已收款")
    click(seller, "完成")
    assert seller.locator("#order-status").inner_text() == "已完成"
    shopper.reload()
    assert shopper.locator("#order-status").inner_text() == "completed"


def test_an_edited_copy_of_a_registered_picture_is_flagged_to_moderating_staff(
    browser, live_server, reference_data, cast, orgs, tmp_path
):
    from wenchuang.accounts.tests.factories import UserFactory
    from wenchuang.ip_registry import artwork
    from wenchuang.ip_registry.tests.factories import WorkFactory
    from wenchuang.market.tests.factories import listing, seller_enterprise

    painter = UserFactory(username="painter_zhou")
    WorkFactory(owner=painter, seed=4242, title="Taihu at Dawn")
    rep = cast["rep"]
    pending = listing(seller_enterprise(orgs["acme"]), rep)
    copy = tmp_path / "poster.jpg"
    copy.write_bytes(
        artwork.encode(artwork.mirrored(artwork.halved(artwork.picture(4242))), "JPEG", quality=50)
    )

    seller = tab(browser, live_server, "en-US")
    sign_in(seller, rep)
    seller.goto(f"/en/market/listings/{pending.pk}/")
    seller.locator("#id_image").set_input_files(str(copy))
    click(seller, "Add the image")
    assert "The image is added." in seller.locator("main").inner_text()

    staff = tab(browser, live_server, "en-US")
    sign_in(staff, cast["wuxi_staff"])
    staff.goto("/en/market/listings/moderation/")
    flag = staff.locator(".likely-copy").first.inner_text()
    assert "Taihu at Dawn" in flag and "distance" in flag
    staff.goto(f"/en/market/listings/{pending.pk}/")
    distance = int(staff.locator("#likely-copies .distance").first.inner_text())
    assert distance <= 12
