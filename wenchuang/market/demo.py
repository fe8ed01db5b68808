"""Demo marketplace: listings in every major class, buyers from several countries, orders at
every stage, all made through the services as sellers, staff and buyers would."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.accounts.services import affiliation_add, user_create
from wenchuang.core.money import rates_end
from wenchuang.directory.demo.compose import DEMO_DOMAIN
from wenchuang.directory.models import Enterprise

from . import services
from .models import BuyerProfile, Listing, Message, Order, Payment

PASSWORD = "demo1234"

# (small class, kind, zh, en, fr, de, price, currency, unit, minimum, export countries, HS code)
PRODUCTS = [
    (
        "0110",
        "service",
        "江南水乡新闻图片档案授权",
        "Jiangnan water towns press photo archive licence",
        "Licence d'archives photo : villes d'eau du Jiangnan",
        "Lizenz Pressefotoarchiv Jiangnan-Wasserstädte",
        "12000",
        "CNY",
        "licence",
        1,
        [],
        "",
    ),
    (
        "0241",
        "service",
        "原创动画《太湖精灵》海外播映授权",
        "Broadcast licence for the animated series Taihu Sprites",
        "Licence de diffusion de la série animée Les Esprits du Taihu",
        "Senderechte an der Animationsserie Taihu-Geister",
        "48000",
        "CNY",
        "season",
        1,
        ["FR", "DE", "JP", "US"],
        "",
    ),
    (
        "0271",
        "goods",
        "宜兴紫砂壶（手工）",
        "Handmade Yixing purple clay teapot",
        "Théière en argile pourpre de Yixing, faite main",
        "Handgefertigte Yixing-Teekanne aus violettem Ton",
        "680",
        "CNY",
        "piece",
        5,
        ["FR", "DE", "JP", "US", "GB"],
        "691200",
    ),
    (
        "0322",
        "service",
        "文创产品工业设计服务",
        "Industrial design of cultural merchandise",
        "Design industriel de produits culturels",
        "Industriedesign für Kulturprodukte",
        "900",
        "EUR",
        "day",
        3,
        [],
        "",
    ),
    (
        "0473",
        "goods",
        "惠山泥人十二生肖套装",
        "Huishan clay figurines, twelve zodiac animals",
        "Figurines en terre de Huishan, les douze animaux du zodiaque",
        "Huishan-Tonfiguren, die zwölf Tierkreiszeichen",
        "360",
        "CNY",
        "set",
        10,
        ["FR", "DE", "JP"],
        "691390",
    ),
    (
        "0522",
        "service",
        "文化产业园孵化工位租赁",
        "Incubator desks in a cultural industry park",
        "Postes de travail en incubateur dans un parc culturel",
        "Arbeitsplätze im Inkubator eines Kulturparks",
        "1500",
        "CNY",
        "month",
        1,
        [],
        "",
    ),
    (
        "0631",
        "service",
        "太湖文化研学旅行线路",
        "Taihu cultural study tour (5 days)",
        "Circuit culturel d'étude du lac Taihu (5 jours)",
        "Kulturelle Studienreise am Taihu-See (5 Tage)",
        "6800",
        "CNY",
        "person",
        8,
        ["FR", "DE", "US"],
        "",
    ),
    (
        "0740",
        "service",
        "文化展会展台设计与搭建",
        "Design and build of exhibition stands",
        "Conception et montage de stands d'exposition",
        "Planung und Bau von Messeständen",
        "45000",
        "CNY",
        "stand",
        1,
        ["JP"],
        "",
    ),
    (
        "0861",
        "goods",
        "苏州民族乐器古筝（二十一弦）",
        "Suzhou guzheng, 21 strings",
        "Guzheng de Suzhou à 21 cordes",
        "Suzhou-Guzheng mit 21 Saiten",
        "4200",
        "CNY",
        "piece",
        2,
        ["FR", "DE", "US", "GB"],
        "920710",
    ),
    (
        "0930",
        "goods",
        "阿福文创毛绒玩具",
        "A-Fu plush toy",
        "Peluche A-Fu",
        "A-Fu-Plüschtier",
        "12.50",
        "USD",
        "piece",
        200,
        ["US", "GB", "DE"],
        "950300",
    ),
]
# (username, organisation, country, currency, language)
BUYERS = [
    ("buyer_paris", "Galerie Lumière", "FR", "EUR", "fr"),
    ("buyer_berlin", "Museumsshop Mitte GmbH", "DE", "EUR", "de"),
    ("buyer_newyork", "Hudson Cultural Imports LLC", "US", "USD", "en"),
    ("buyer_osaka", "Naniwa Crafts K.K.", "JP", "JPY", "en"),
    ("buyer_shanghai", "上海文创集合店", "CN", "CNY", "zh-hans"),
]
# The stage each demo order reaches, with its buyer and product (index into PRODUCTS).
ORDERS = [
    ("inquiry", 0, 2),
    ("quote", 1, 4),
    ("ordered", 2, 8),
    ("shipped", 2, 9),
    ("delivered", 0, 8),
    ("completed", 0, 2),
    ("completed", 1, 4),
    ("completed", 2, 1),
    ("completed", 4, 2),
    ("completed", 3, 4),
    ("cancelled", 1, 6),
]
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
    return {"listings": len(listings), "buyers": len(buyers), "orders": orders}


def wipe() -> None:
    """Delete the demo's marketplace before the directory's data goes."""
    demo = f"@demo{DEMO_DOMAIN}"
    Payment.objects.filter(order__buyer__email__endswith=demo).delete()
    Order.objects.filter(buyer__email__endswith=demo).delete()
    Listing.objects.filter(created_by__email__endswith=demo).delete()
    BuyerProfile.objects.filter(user__email__endswith=demo).delete()
    User.objects.filter(username__startswith="seller_", email__endswith=demo).delete()
    User.objects.filter(username__startswith="buyer_", email__endswith=demo).delete()
