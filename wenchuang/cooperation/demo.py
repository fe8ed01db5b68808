"""Demo park pairing: the Carrying Plan's first batch, made through the services as staff would.

The seed (Shenzhen, 2023): the Ministry of Culture and Tourism published the first batch of
cooperating parks; the pilot paired Nanjing's Qinhuai park with Urumqi's "Seven Textiles"
cluster. A few central and western parks join the demo directory so that the suggestions
have partners across regions; pairs are confirmed, signed, declined or left suggested, and
the signed ones report outcomes for several half-years.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from wenchuang.accounts.models import User
from wenchuang.directory import services as directory_services
from wenchuang.directory.models import Park
from wenchuang.reference.models import Region

from . import services
from .models import OutcomeReport, Pairing, PairingBatch

BATCH_CODE = "carrying-plan-2023"

# (Chinese, English, county, level, lat, lon, focus small classes): partner parks in the
# central and western regions (approximate coordinates).
PARTNER_PARKS = [
    (
        "成都东郊记忆",
        "Chengdu Eastern Suburb Memory",
        "510108",
        "municipal",
        "30.668",
        "104.118",
        ["0131", "0221"],
    ),
    (
        "西安曲江文化创意产业园",
        "Xi'an Qujiang Creative Park",
        "610113",
        "provincial",
        "34.207",
        "108.982",
        ["0412", "0131"],
    ),
    (
        "长沙后湖国际艺术园",
        "Changsha Houhu International Art Park",
        "430104",
        "municipal",
        "28.185",
        "112.926",
        ["0322", "0221"],
    ),
    (
        "昆明871文化创意工场",
        "Kunming 871 Creative Factory",
        "530111",
        "other",
        "24.977",
        "102.763",
        ["0322", "0131"],
    ),
]

# Pairs the agency settles in the demo: (carrying key, partner key or Chinese name, state).
PAIRS = [
    ("qinhuai", "urumqi_qifang", "signed"),
    ("wuxi_studios", "成都东郊记忆", "signed"),
    ("shenzhen_oct_loft", "西安曲江文化创意产业园", "signed"),
    ("shanghai_zhangjiang", "dalian_wisdom", "confirmed"),
    ("shenzhen_dafen", "昆明871文化创意工场", "declined"),
]

REPORTS = [(2023, 2), (2024, 1), (2024, 2), (2025, 1), (2025, 2), (2026, 1)]


def _partner_parks(staff: User, parks: dict) -> dict[str, Park]:
    made = {}
    for zh, en, county, level, lat, lon, focus in PARTNER_PARKS:
        if not Region.objects.filter(code=county).exists():
            continue
        park = directory_services.record_create(
            model=Park,
            by=staff,
            data={
                "name_zh_hans": zh,
                "name_en": en,
                "region": county,
                "level": level,
                "latitude": lat,
                "longitude": lon,
            },
        )
        park.focus_categories.set(focus)
        made[zh] = park
    return made


def _park(key: str, parks: dict, partners: dict) -> Park | None:
    return parks.get(key) or partners.get(key)


@transaction.atomic
def create_demo(generator) -> dict[str, int]:
    staff = User.objects.filter(username="staff_national").first()
    if staff is None:
        return {}
    parks = dict(getattr(generator, "parks", {}))
    partners = _partner_parks(staff, parks)
    batch = services.batch_create(
        by=staff,
        code=BATCH_CODE,
        year=2023,
        region=Region.objects.get(code="000000"),
        title_zh_hans="文化产业园区携手计划·首批合作园区",
        title_en="Cultural Industry Park Carrying Plan: first batch",
    )
    services.batch_move(batch=batch, target="active", by=staff)
    for carrying_key, partner_key, state in PAIRS:
        carrying, partner = (
            _park(carrying_key, parks, partners),
            _park(partner_key, parks, partners),
        )
        if carrying is None or partner is None:
            continue
        pairing = services.pairing_propose(
            batch=batch, carrying=carrying, partner=partner, by=staff
        )
        if state == "declined":
            services.pairing_decline(pairing=pairing, by=staff, note="合作方向不匹配")
            continue
        services.pairing_confirm(pairing=pairing, by=staff)
        if state == "signed":
            pairing.refresh_from_db()
            services.pairing_sign(
                pairing=pairing,
                by=staff,
                signed_on=datetime.date(2023, 6, 8),
                agreement_title="文化产业园区携手合作协议",
            )
            _reports(pairing, staff)
    # The rest of the directory's parks as suggestions for staff to weigh.
    services.pairs_suggest(batch=batch, by=staff, per_carrying=2)
    return {
        "pairing batches": 1,
        "park pairings": Pairing.objects.filter(batch=batch).count(),
        "outcome reports": OutcomeReport.objects.filter(pairing__batch=batch).count(),
    }


def _reports(pairing: Pairing, staff: User) -> None:
    for step, (year, half) in enumerate(REPORTS):
        services.outcome_report_submit(
            pairing=pairing,
            by=staff,
            year=year,
            half=half,
            figures={
                "enterprises_relocated": 1 + step % 3,
                "joint_projects": 1 + step // 2,
                "visitors": 800 + 350 * step + 40 * (pairing.pk % 7),
                "revenue": Decimal(1_200_000 + 450_000 * step),
            },
            activities="互访交流、联合举办文创市集、入驻企业对接。",
        )


def wipe_demo() -> None:
    PairingBatch.objects.filter(code=BATCH_CODE).delete()
    names = [zh for zh, *_rest in PARTNER_PARKS]
    Park.objects.filter(name_zh_hans__in=names).delete()
