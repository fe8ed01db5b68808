"""Test data of the marketplace, made through its services as sellers and staff make it."""

from __future__ import annotations

from wenchuang.accounts.tests.factories import UserFactory
from wenchuang.directory.tests.factories import EnterpriseFactory

from .. import services
from ..models import BuyerProfile

# A listing as a Wuxi animation studio writes one.
LISTING_DATA = {
    "kind": "goods",
    "category": "0241",
    "title_zh_hans": "阿福泥塑动漫手办",
    "title_en": "Huishan clay figurine of an animated hero",
    "description_zh_hans": "惠山泥人传统工艺与原创动漫形象结合的手办。",
    "description_en": "Hand-painted Huishan clay figurine of our animated hero.",
    "price": "280.00",
    "currency": "CNY",
    "unit": "piece",
    "minimum_order": 10,
    "lead_time_days": 30,
    "exportable": True,
    "countries": ["FR", "DE", "JP"],
    "hs_code": "6913900000",
}


def seller_enterprise(organisation, **fields):
    """A published Binhu (Wuxi) animation studio that `organisation` speaks for."""
    defaults = {
        "organisation": organisation,
        "region_id": "320211",
        "status": "published",
        "name_zh_hans": "无锡灵动动漫科技有限公司",
        "name_en": "Wuxi Lingdong Animation Technology Co., Ltd.",
    }
    return EnterpriseFactory(**(defaults | fields))


def buyer(username="marie", *, country="FR", currency="EUR", language="en"):
    user = UserFactory(username=username, language=language)
    BuyerProfile.objects.create(
        user=user,
        organisation_name="Galerie Lumière" if country == "FR" else "",
        country=country,
        preferred_currency_id=currency,
    )
    return user


def listing(enterprise, rep, staff=None, **data):
    """A listing made by the seller's representative; published when `staff` is given."""
    made = services.listing_create(enterprise=enterprise, by=rep, data=LISTING_DATA | data)
    if staff is not None:
        services.listing_moderate(listing=made, by=staff, publish=True)
        made.refresh_from_db()
    return made
