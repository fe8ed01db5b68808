"""The marketplace's pages as buyers, sellers and staff use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wenchuang.core.files import files_of

from ..models import Listing, Order


def _png(width=64, height=48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_visitor_sees_the_price_in_euros_with_the_rate_date(client, published):
    page = client.get(f"/en/market/listings/{published.pk}/", {"currency": "EUR"})
    text = page.content.decode()
    assert "CN¥280.00" in text
    assert "ECB rate of" in text and "€" in text


def test_a_currency_without_rate_says_so(client, published):
    page = client.get(f"/en/market/listings/{published.pk}/", {"currency": "VND"})
    assert page.status_code == 200
    assert "There is no exchange rate from CNY to VND" in page.content.decode()


def test_the_search_finds_chinese_and_latin_words_and_hides_pending_listings(
    client, published, seller, cast
):
    from .factories import listing

    listing(
        seller, cast["rep"], title_zh_hans="紫砂茶壶", title_en="Yixing teapot", category="0521"
    )
    assert published.pk in [
        row.pk for row in client.get("/en/market/", {"q": "clay"}).context["page"]
    ]
    assert client.get("/en/market/", {"q": "泥塑"}).context["page"].paginator.count == 1
    assert client.get("/en/market/", {"q": "teapot"}).context["page"].paginator.count == 0


def test_the_seller_adds_an_image_and_bad_images_get_a_message(client, cast, published):
    client.force_login(cast["rep"])
    url = f"/en/market/listings/{published.pk}/images/"
    client.post(url, {"image": SimpleUploadedFile("hero.png", _png(), "image/png")})
    assert files_of(published).count() == 1
    answer = client.post(
        url,
        {"image": SimpleUploadedFile("fake.png", b"%PDF-1.4 not an image", "image/png")},
        follow=True,
    )
    assert "not of an accepted type" in answer.content.decode()
    empty = client.post(
        url, {"image": SimpleUploadedFile("empty.png", b"", "image/png")}, follow=True
    )
    assert "empty" in empty.content.decode()
    assert files_of(published).count() == 1


def test_a_decompression_bomb_is_refused(client, cast, published, settings):
    client.force_login(cast["rep"])
    bomb = _png(9000, 9000)  # 81 megapixels of one colour: a few kilobytes
    answer = client.post(
        f"/en/market/listings/{published.pk}/images/",
        {"image": SimpleUploadedFile("bomb.png", bomb, "image/png")},
        follow=True,
    )
    assert "limit" in answer.content.decode() or "too many pixels" in answer.content.decode()
    assert files_of(published).count() == 0


def test_a_buyer_sends_an_inquiry_from_the_page_and_a_bad_quantity_gets_a_message(
    client, published, marie
):
    client.force_login(marie)
    url = f"/en/market/listings/{published.pk}/inquire/"
    answer = client.post(url, {"quantity": "-2", "message": "Hello"}, follow=True)
    assert "The quantity must be at least 1." in answer.content.decode()
    answer = client.post(url, {"quantity": "20", "message": "Hello"}, follow=True)
    order = Order.objects.get()
    assert answer.redirect_chain[-1][0].endswith(f"/market/orders/{order.pk}/")
    assert "Hello" in answer.content.decode()


def test_staff_moderate_from_their_queue_only_in_their_jurisdiction(client, cast, seller):
    from .factories import listing

    pending = listing(seller, cast["rep"])
    client.force_login(cast["dalian_staff"])
    assert pending not in client.get("/en/market/listings/moderation/").context["page"]
    client.post(f"/en/market/listings/{pending.pk}/status/", {"action": "publish"})
    assert Listing.objects.get(pk=pending.pk).status == "pending"
    client.force_login(cast["wuxi_staff"])
    assert pending in client.get("/en/market/listings/moderation/").context["page"]
    client.post(f"/en/market/listings/{pending.pk}/status/", {"action": "publish"})
    assert Listing.objects.get(pk=pending.pk).status == "published"


@pytest.mark.parametrize(
    "name",
    [
        "market:orders",
        "market:buyer-profile",
        "market:my-listings",
        "market:sales",
        "market:moderation",
    ],
)
def test_personal_pages_ask_a_visitor_to_sign_in(client, name):
    from django.urls import reverse

    assert client.get(reverse(name)).status_code == 302


def test_a_quote_changed_after_the_buyer_read_it_is_not_accepted(client, published, marie, cast):
    from wenchuang.core.transitions import version_of

    from .. import services

    order = services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    services.quote_send(order=order, by=cast["rep"], unit_price="250", currency="CNY")
    order.refresh_from_db()
    seen = version_of(order)
    services.quote_send(order=order, by=cast["rep"], unit_price="990", currency="CNY")
    client.force_login(marie)
    answer = client.post(
        f"/en/market/orders/{order.pk}/action/", {"action": "ordered", "version": seen}, follow=True
    )
    assert "changed meanwhile" in answer.content.decode()
    assert Order.objects.get(pk=order.pk).status == "quote"
