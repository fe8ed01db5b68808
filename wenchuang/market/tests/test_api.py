"""The marketplace through /api/v1/market/: the pages' permissions, JSON refusals."""

import pytest

from wenchuang.accounts.services import api_token_create

from ..models import Listing, Order
from .factories import LISTING_DATA


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def test_a_seller_lists_staff_publish_and_a_visitor_finds_it_in_euros(client, cast, seller):
    body = {**LISTING_DATA, "enterprise": seller.pk}
    created = client.post(
        "/api/v1/market/listings", body, content_type="application/json", **bearer(cast["rep"])
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "pending"
    assert client.get(f"/api/v1/market/listings/{pk}").status_code == 404
    refused = client.post(
        f"/api/v1/market/listings/{pk}/moderate",
        {"publish": True},
        content_type="application/json",
        **bearer(cast["dalian_staff"]),
    )
    assert refused.status_code == 403
    published = client.post(
        f"/api/v1/market/listings/{pk}/moderate",
        {"publish": True},
        content_type="application/json",
        **bearer(cast["wuxi_staff"]),
    )
    assert published.json()["status"] == "published"
    found = client.get("/api/v1/market/listings", {"q": "泥塑"}).json()
    assert [row["id"] for row in found["results"]] == [pk]
    detail = client.get(f"/api/v1/market/listings/{pk}", {"currency": "EUR"}).json()
    assert detail["converted"]["currency"] == "EUR" and detail["converted"]["rate_date"]


def test_a_price_without_currency_and_a_bad_hs_code_are_refused(client, cast, seller):
    body = {**LISTING_DATA, "enterprise": seller.pk, "currency": None, "hs_code": "69-13"}
    answer = client.post(
        "/api/v1/market/listings", body, content_type="application/json", **bearer(cast["rep"])
    )
    assert answer.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in answer.json()["detail"]}
    assert {"currency", "hs_code"} <= fields
    assert not Listing.objects.exists()


def test_someone_else_cannot_list_for_the_enterprise(client, cast, seller):
    body = {**LISTING_DATA, "enterprise": seller.pk}
    answer = client.post(
        "/api/v1/market/listings",
        body,
        content_type="application/json",
        **bearer(cast["rival_rep"]),
    )
    assert answer.status_code == 403


def test_a_buyer_inquires_and_a_negative_quantity_is_a_422(client, cast, published, marie):
    url = f"/api/v1/market/listings/{published.pk}/inquiries"
    bad = client.post(
        url, {"quantity": -3, "message": "hi"}, content_type="application/json", **bearer(marie)
    )
    assert bad.status_code == 422
    sent = client.post(
        url,
        {"quantity": 20, "message": "Bonjour"},
        content_type="application/json",
        **bearer(marie),
    )
    assert sent.status_code == 201
    order = sent.json()
    assert order["status"] == "inquiry" and order["messages"][0]["body"] == "Bonjour"
    # The seller sees it; a rival enterprise does not.
    assert (
        client.get(f"/api/v1/market/orders/{order['id']}", **bearer(cast["rep"])).status_code == 200
    )
    assert (
        client.get(f"/api/v1/market/orders/{order['id']}", **bearer(cast["rival_rep"])).status_code
        == 403
    )
    quoted = client.post(
        f"/api/v1/market/orders/{order['id']}/quote",
        {"unit_price": "250.00", "currency": "CNY"},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert quoted.json()["status"] == "quote"
    placed = client.post(
        f"/api/v1/market/orders/{order['id']}/move",
        {"status": "ordered"},
        content_type="application/json",
        **bearer(marie),
    )
    assert placed.status_code == 200, placed.content
    assert placed.json()["buyer_currency"] == "EUR" and placed.json()["rate_date"]
    again = client.post(
        f"/api/v1/market/orders/{order['id']}/move",
        {"status": "ordered"},
        content_type="application/json",
        **bearer(marie),
    )
    assert again.status_code in (409, 422)
    assert Order.objects.get().status == "ordered"


@pytest.mark.parametrize("who,status", [("wuxi_staff", 200), ("rep", 403), (None, 403)])
def test_only_staff_read_the_export_figures(client, cast, who, status):
    headers = bearer(cast[who]) if who else {}
    answer = client.get(
        "/api/v1/market/exports", {"start": "2026-01-01", "end": "2026-12-31"}, **headers
    )
    assert answer.status_code == status


def test_the_seller_changes_one_field_and_the_listing_goes_back_to_moderation(
    client, cast, published
):
    answer = client.patch(
        f"/api/v1/market/listings/{published.pk}",
        {"price": "300.00"},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["price"] == "300.00" and answer.json()["status"] == "pending"
    published.refresh_from_db()
    assert published.minimum_order == 10 and published.currency_id == "CNY"


def test_buyers_filter_by_the_country_the_seller_delivers_to(client, cast, seller):
    from .factories import listing

    staff = cast["wuxi_staff"]
    to_france = listing(seller, cast["rep"], staff, countries=["FR"])
    everywhere = listing(seller, cast["rep"], staff, countries=[], title_en="Tea set")
    listing(seller, cast["rep"], staff, exportable=False, countries=[], title_en="Local only")

    def ids(**query):
        return {row["id"] for row in client.get("/api/v1/market/listings", query).json()["results"]}

    assert ids(country="FR") == {to_france.pk, everywhere.pk}
    assert ids(country="JP") == {everywhere.pk}
    assert len(ids()) == 3
