"""Demo marketplace: listings in every major class, buyers from several countries, orders at
every stage, all made through the services as sellers, staff and buyers would."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.accounts.services import affiliation_add, user_create
from wenchuang.core.money import rates_end
from wenchuang.directory.demo.compose import DEMO_DOMAIN
from wenchuang.directory.models import Enterprise

from . import services
from .demo_catalogue import BUYERS, ORDERS, PRODUCTS
from .models import (
    BuyerProfile,
    ImageMatch,
    InfringementReport,
    Listing,
    Message,
    Order,
    Payment,
)

PASSWORD = "demo1234"

# Products left unpublished: one waits for moderation, one was rejected with a reason.
PENDING, REJECTED = 5, 7
STAGES = ["inquiry", "quote", "ordered", "shipped", "delivered", "completed"]


def _seller_for(major: str, lingdong: Enterprise | None, n: int) -> tuple[Enterprise, User] | None:
    """A published enterprise of the class with a demo representative (made here when needed);
    the Lingdong studio and its rep_lingdong login sell in their own class."""
    rep = User.objects.filter(username="rep_lingdong").first()
    if lingdong is not None and rep is not None and lingdong.major_code == major:
        return lingdong, rep
    enterprise = (
        Enterprise.objects.filter(status="published", major_code=major, prefecture_code="320200")
        .order_by("id")
        .first()
        or Enterprise.objects.filter(status="published", major_code=major).order_by("id").first()
    )
    if enterprise is None:
        return (lingdong, rep) if lingdong is not None and rep is not None else None
    if enterprise.organisation_id is None:
        organisation = Organisation.objects.create(
            kind="enterprise",
            name_zh_hans=enterprise.name_zh_hans,
            name_en=enterprise.name_en,
            region_id=enterprise.region_id,
        )
        Enterprise.objects.filter(pk=enterprise.pk).update(organisation=organisation)
        enterprise.organisation = organisation
    username = f"seller_{major}"
    user = User.objects.filter(username=username).first() or user_create(
        username=username,
        password=PASSWORD,
        role=Role.ENTERPRISE_REP,
        organisation=enterprise.organisation,
        email=f"{username}@demo{DEMO_DOMAIN}",
    )
    if not user.affiliations.filter(organisation=enterprise.organisation).exists():
        affiliation_add(user=user, role=Role.ENTERPRISE_REP, organisation=enterprise.organisation)
    return enterprise, user


def _buyers() -> list[User]:
    made = []
    for username, organisation, country, currency, language in BUYERS:
        user = user_create(
            username=username,
            password=PASSWORD,
            role=Role.PUBLIC,
            email=f"{username}@demo{DEMO_DOMAIN}",
        )
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
        BuyerProfile.objects.create(
            user=user,
            organisation_name=organisation,
            country=country,
            preferred_currency_id=currency,
        )
        made.append(user)
    return made


def _listing(n: int, product, seller: Enterprise, rep: User) -> Listing:
    code, kind, zh, en, fr, de, price, currency, unit, minimum, countries, hs = product
    return services.listing_create(
        enterprise=seller,
        by=rep,
        data={
            "kind": kind,
            "category": code,
            "title_zh_hans": zh,
            "title_en": en,
            "title_fr": fr,
            "title_de": de,
            "description_zh_hans": f"{zh}。可提供样品与定制服务。",
            "description_en": f"{en}. Samples and customisation on request.",
            "price": price,
            "currency": currency,
            "unit": unit,
            "minimum_order": minimum,
            "lead_time_days": 15 + 5 * (n % 6),
            "exportable": bool(countries) or n % 2 == 0,
            "countries": countries,
            "hs_code": hs,
            "licence_terms": "海外播映权五年，不含改编权。" if code == "0241" else "",
        },
    )


def _advance(order: Order, stage: str, buyer: User, rep: User, staff: User, day: dt.date) -> None:
    listing = order.listing
    if stage == "cancelled":
        services.order_cancel(order=order, by=buyer, note="Budget moved to next year.")
        return
    target = STAGES.index(stage)
    if target >= 1:
        price = listing.price or 100
        services.quote_send(
            order=order, by=rep, unit_price=price, currency=listing.currency_id or "CNY"
        )
        Message.objects.create(order=order, author=rep, body="报价已发送，含包装与国际运费。")
    if target >= 2:
        services.order_place(order=order, by=buyer, day=day)
    if target >= 3:
        services.order_ship(order=order, by=rep)
    if target >= 4:
        services.order_deliver(order=order, by=buyer)
    if target >= 5:
        services.payment_confirm(order=order, by=rep, reference=f"SWIFT-{order.pk:06d}")
        services.order_complete(order=order, by=staff if order.pk % 2 else rep)


@transaction.atomic
def create(gen) -> dict[str, int]:
    """The demo step (core.demo, order 370)."""
    staff = User.objects.filter(username="staff_national").first()
    if staff is None:
        return {}
    lingdong = Enterprise.objects.filter(organisation__isnull=False, category_id="0241").first()
    listings: dict[int, tuple[Listing, User]] = {}
    for n, product in enumerate(PRODUCTS):
        found = _seller_for(product[0][:2], lingdong, n)
        if found is None:
            continue
        listing = _listing(n, product, *found)
        listings[n] = (listing, found[1])
        if n == REJECTED:
            services.listing_moderate(
                listing=listing, by=staff, publish=False, note="请补充商品照片与材质说明。"
            )
        elif n != PENDING:
            services.listing_moderate(listing=listing, by=staff, publish=True)
    buyers = _buyers()
    # Rates are those shipped with the package: the latest day on or before today.
    day = min(timezone.localdate(), rates_end())
    orders = 0
    for stage, buyer_index, product_index in ORDERS:
        if product_index not in listings:
            continue
        listing, rep = listings[product_index]
        buyer = buyers[buyer_index]
        order = services.inquiry_send(
            listing=listing,
            by=buyer,
            quantity=max(listing.minimum_order, 10),
            message="Could you tell us about delivery times and packaging?",
        )
        _advance(order, stage, buyer, rep, staff, day)
        orders += 1
    flagged = _flagged_copy(listings[6]) if 6 in listings else 0
    return {
        "listings": len(listings),
        "buyers": len(buyers),
        "orders": orders,
        "infringement reports": flagged,
    }


# A painter in Wuxi registers a picture; a seller's listing shows an edited copy of it.
HOLDER = "holder_taihu"
HOLDER_EMAIL = "holder_taihu@registry.example"  # not a demo login: registered works stay


def _holder_work():
    """The painter's registered picture (registered once: the log is append-only)."""
    from wenchuang.ip_registry import artwork
    from wenchuang.ip_registry.models import Work
    from wenchuang.ip_registry.services import work_register

    holder = User.objects.filter(username=HOLDER).first() or user_create(
        username=HOLDER, password=PASSWORD, role=Role.PUBLIC, email=HOLDER_EMAIL
    )
    work = Work.objects.filter(owner=holder).order_by("id").first()
    if work is None:
        upload = SimpleUploadedFile("taihu-dawn.png", artwork.picture_bytes(3601))
        work = work_register(
            by=holder,
            title="太湖晨曦",
            language="zh-hans",
            kind="image",
            authors="周晓岚",
            created_on=dt.date(2025, 4, 12),
            upload=upload,
        ).work
    return holder, work


def _flagged_copy(entry: tuple[Listing, User]) -> int:
    """The seller adds a mirrored, halved JPEG of the painter's picture; it is flagged, and the
    painter files a report (pending, the listing hidden)."""
    from wenchuang.ip_registry import artwork

    listing, rep = entry
    holder, work = _holder_work()
    copy = artwork.encode(
        artwork.mirrored(artwork.halved(artwork.picture(3601))), "JPEG", quality=50
    )
    services.listing_image_add(
        listing=listing, by=rep, upload=SimpleUploadedFile("tour-poster.jpg", copy)
    )
    services.report_file(
        listing=listing,
        work=work,
        by=holder,
        statement="宣传海报是我登记作品《太湖晨曦》的镜像缩小版，未经授权。",
    )
    return 1


def wipe() -> None:
    """Delete the demo's marketplace before the directory's data goes."""
    demo = f"@demo{DEMO_DOMAIN}"
    InfringementReport.objects.filter(listing__created_by__email__endswith=demo).delete()
    ImageMatch.objects.filter(listing__created_by__email__endswith=demo).delete()
    Payment.objects.filter(order__buyer__email__endswith=demo).delete()
    Order.objects.filter(buyer__email__endswith=demo).delete()
    Listing.objects.filter(created_by__email__endswith=demo).delete()
    BuyerProfile.objects.filter(user__email__endswith=demo).delete()
    User.objects.filter(username__startswith="seller_", email__endswith=demo).delete()
    User.objects.filter(username__startswith="buyer_", email__endswith=demo).delete()
