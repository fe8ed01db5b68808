"""Many demo listings at once (`wenchuang demo-data`-style data at scale, for the benchmark):
the demo catalogue's products varied by material, place and series, sold by the directory's
published enterprises, with the search documents the services write."""

from __future__ import annotations

import random
import time
from decimal import Decimal

from django.db import transaction

from wenchuang.core import generations
from wenchuang.core.planner import refresh_planner_statistics
from wenchuang.directory.models import Enterprise
from wenchuang.reference.models import IndustryCategory

from .demo_catalogue import PRODUCTS
from .models import Listing
from .search import document

# (Chinese, English) words that vary the catalogue's titles.
PLACES = [
    ("无锡", "Wuxi"),
    ("宜兴", "Yixing"),
    ("苏州", "Suzhou"),
    ("景德镇", "Jingdezhen"),
    ("潍坊", "Weifang"),
    ("大连", "Dalian"),
    ("北京", "Beijing"),
    ("深圳", "Shenzhen"),
]
MATERIALS = [
    ("紫砂", "purple clay"),
    ("青瓷", "celadon"),
    ("丝绸", "silk"),
    ("竹编", "bamboo"),
    ("木雕", "wood carving"),
    ("刺绣", "embroidery"),
    ("漆器", "lacquer"),
    ("剪纸", "paper-cut"),
]
SERIES = [
    ("典藏版", "collector's edition"),
    ("文创礼盒", "gift box"),
    ("限量款", "limited run"),
    ("动漫联名", "animation tie-in"),
    ("非遗传承", "intangible heritage"),
    ("研学套装", "study kit"),
]
COUNTRIES = ["FR", "DE", "JP", "US", "GB", "IT", "KR", "SG", "AU", "CA"]
BATCH = 5_000


def bulk_listings(n: int, *, seed: int = 2026, progress: bool = False) -> int:
    """Add `n` listings (nine in ten published) of the directory's published enterprises."""
    rng = random.Random(seed)
    sellers = list(Enterprise.objects.filter(status="published").order_by("id")[:5_000])
    if not sellers:
        return 0
    smalls = list(IndustryCategory.objects.filter(level=3).values_list("code", flat=True))
    started, made = time.monotonic(), 0
    while made < n:
        rows = []
        for _ in range(min(BATCH, n - made)):
            rows.append(_listing(rng, sellers, smalls))
        with transaction.atomic():
            Listing.objects.bulk_create(rows)
            generations.bump(Listing)
        made += len(rows)
        if progress:
            print(f"  {made:,} listings, {time.monotonic() - started:.0f} s", flush=True)
    refresh_planner_statistics()
    return made


def _listing(rng: random.Random, sellers, smalls) -> Listing:
    code, kind, zh, en, fr, de, price, currency, unit, minimum, countries, hs = rng.choice(PRODUCTS)
    place, material, series = rng.choice(PLACES), rng.choice(MATERIALS), rng.choice(SERIES)
    seller = rng.choice(sellers)
    category = code if rng.random() < 0.5 else rng.choice(smalls)
    exportable = rng.random() < 0.6
    listing = Listing(
        enterprise=seller,
        kind=kind,
        category_id=category,
        major_code=category[:2],
        mid_code=category[:3],
        title_zh_hans=f"{place[0]}{material[0]}{zh}（{series[0]}）",
        title_en=f"{en}, {material[1]} {series[1]} from {place[1]}",
        title_fr=fr,
        title_de=de,
        description_zh_hans=f"{place[0]}出品，{material[0]}工艺，可定制。",
        description_en=f"Made in {place[1]} in {material[1]}; customisation on request.",
        price=(Decimal(price) * Decimal(rng.randint(50, 300)) / 100).quantize(Decimal("0.01")),
        currency_id=currency,
        unit=unit,
        minimum_order=minimum,
        lead_time_days=rng.randint(3, 90),
        exportable=exportable,
        countries=sorted(rng.sample(COUNTRIES, rng.randint(0, 4))) if exportable else [],
        hs_code=hs,
        status=Listing.Status.PUBLISHED if rng.random() < 0.9 else Listing.Status.PENDING,
        region_id=seller.region_id,
        province_code=seller.province_code,
        prefecture_code=seller.prefecture_code,
    )
    listing.search_text = document(listing)
    return listing
