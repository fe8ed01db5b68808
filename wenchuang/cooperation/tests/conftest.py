"""Fixtures of the cooperation tests: a national batch and parks in three economic zones."""

import pytest

from wenchuang.cooperation import services
from wenchuang.reference.models import Region


def _park(staff, data, operator=None, focus=()):
    from wenchuang.directory import services as directory_services
    from wenchuang.directory.models import Park

    park = directory_services.record_create(model=Park, by=staff, data=data)
    if operator is not None:
        park.organisation = operator
        park.save()
    if focus:
        park.focus_categories.set(focus)
    return park


@pytest.fixture
def parks(directory, cast, orgs):
    """Wuxi Studios (national base, east; its operator's manager is `park_manager`), a
    second Jiangsu park (`other_park_manager`'s), and parks in Urumqi (west) and Dalian
    (north-east)."""
    staff = cast["national_staff"]
    studios = directory["studios"]
    studios.focus_categories.set(["0131", "0221"])
    jiangsu_other = directory["other_park"]
    urumqi = _park(
        staff,
        {
            "name_zh_hans": "乌鲁木齐七纺文旅集聚区",
            "name_en": "Urumqi Seven Textiles Cluster",
            "region": "650102",
            "level": "other",
            "latitude": "43.80",
            "longitude": "87.62",
        },
        focus=["0131"],
    )
    dalian = _park(
        staff,
        {
            "name_en": "Dalian Wisdom Park",
            "region": "210202",
            "level": "municipal",
            "latitude": "38.91",
            "longitude": "121.61",
        },
    )
    return {"studios": studios, "jiangsu_other": jiangsu_other, "urumqi": urumqi, "dalian": dalian}


@pytest.fixture
def batch(cast, parks):
    """An announced national batch (run by the national office's staff)."""
    staff = cast["national_staff"]
    made = services.batch_create(
        by=staff,
        code="first-batch",
        year=2026,
        region=Region.objects.get(code="000000"),
        title_zh_hans="携手计划首批",
        title_en="Carrying Plan, first batch",
    )
    services.batch_move(batch=made, target="active", by=staff)
    made.refresh_from_db()
    return made


@pytest.fixture
def suggested(batch, parks, cast):
    """Studios → Urumqi and Studios → Dalian, as staff would add them."""
    staff = cast["national_staff"]
    return {
        "urumqi": services.pairing_propose(
            batch=batch, carrying=parks["studios"], partner=parks["urumqi"], by=staff
        ),
        "dalian": services.pairing_propose(
            batch=batch, carrying=parks["studios"], partner=parks["dalian"], by=staff
        ),
    }
