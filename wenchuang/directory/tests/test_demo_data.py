"""The demo data generator: deterministic, consistent with the reference data, searchable."""

import re
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.test import override_settings

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.directory.demo import (
    CREDIT_WEIGHTS,
    DEMO_PASSWORD,
    ORG_CODE_CHARS,
    DemoGenerator,
    generate,
)
from wenchuang.directory.models import (
    AssociationMembership,
    Enterprise,
    Investor,
    Park,
    ServiceProvider,
    Talent,
)
from wenchuang.directory.search import apply_search, facets
from wenchuang.reference.models import IndustryCategory, Region
from wenchuang.reference.selectors import SizeRule

N = 400
SEED = 11
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One generated directory shared by the module, rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        with transaction.atomic():
            summary = generate(enterprises=N, seed=SEED, progress=False)
            yield summary
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def names() -> list[str]:
    return list(Enterprise.objects.order_by("id").values_list("name_zh_hans", flat=True))


def test_the_same_seed_gives_the_same_names(demo_db):
    first = names()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        generate(enterprises=N, seed=SEED, progress=False, reset=True)
    assert names() == first


def test_another_seed_gives_other_names(demo_db):
    ours = [DemoGenerator(seed=SEED, progress=False).enterprise(i).name_zh_hans for i in range(30)]
    again = [DemoGenerator(seed=SEED, progress=False).enterprise(i).name_zh_hans for i in range(30)]
    other = [
        DemoGenerator(seed=SEED + 1, progress=False).enterprise(i).name_zh_hans for i in range(30)
    ]
    assert ours == again
    assert ours != other


def test_n_enterprises_are_created_with_the_seed_enterprises_first(demo_db):
    assert Enterprise.objects.count() == N
    first = names()[:4]
    assert first[0] == "深圳第七大道科技有限公司"
    assert "无锡国家数字电影产业园发展有限公司" in first
    assert Park.objects.filter(name_en__startswith="Wuxi Studios").exists()


def test_running_again_keeps_the_demo_data(demo_db):
    summary = generate(enterprises=N + 50, seed=SEED, progress=False)
    assert summary.skipped
    assert Enterprise.objects.count() == N
    assert {row["username"] for row in summary.logins} >= {"staff_wuxi", "visitor"}


def test_every_enterprise_has_a_real_region_and_a_small_category(demo_db):
    regions = dict(Region.objects.values_list("code", "level"))
    small = set(
        IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL).values_list(
            "code", flat=True
        )
    )
    rows = Enterprise.objects.values_list(
        "region_id", "province_code", "prefecture_code", "category_id", "major_code", "mid_code"
    )
    for region, province, prefecture, category, major, mid in rows:
        assert regions[region] == Region.Level.COUNTY
        assert province == region[:2] + "0000" and prefecture == region[:4] + "00"
        assert category in small
        assert (major, mid) == (category[:2], category[:3])


def test_above_designated_size_follows_the_size_rule(demo_db):
    rule = SizeRule.load()
    flags = []
    for e in Enterprise.objects.all():
        expected = rule.is_above(e.category_id, e.annual_revenue, e.revenue_year)
        assert e.above_designated_size == expected, e.name_zh_hans
        flags.append(expected)
    assert any(flags) and not all(flags)


def test_credit_codes_are_unique_and_check_out(demo_db):
    codes = list(Enterprise.objects.values_list("credit_code", flat=True))
    assert len(set(codes)) == len(codes) == N
    for code in codes:
        total = sum(ORG_CODE_CHARS.index(c) * w for c, w in zip(code, CREDIT_WEIGHTS, strict=False))
        assert len(code) == 18
        assert ORG_CODE_CHARS.index(code[17]) == (31 - total % 31) % 31


def test_search_finds_enterprises_by_a_chinese_word_of_their_name(demo_db):
    found = set(apply_search(Enterprise.objects.all(), "动漫").values_list("id", flat=True))
    named = set(
        Enterprise.objects.filter(name_zh_hans__contains="动漫").values_list("id", flat=True)
    )
    assert named and named <= found
    lingdong = Enterprise.objects.get(name_zh_hans="无锡灵动动漫科技有限公司")
    assert apply_search(Enterprise.objects.all(), "无锡 灵动").filter(pk=lingdong.pk).exists()


def test_search_finds_enterprises_by_an_english_word_of_their_name(demo_db):
    found = set(apply_search(Enterprise.objects.all(), "animation").values_list("id", flat=True))
    named = set(
        Enterprise.objects.filter(name_en__icontains="animation").values_list("id", flat=True)
    )
    assert named and named <= found
    assert apply_search(Enterprise.objects.all(), "7Road").count() == 1


def test_search_documents_end_with_the_facet_tokens_of_the_record(demo_db):
    for model in (Enterprise, Park, Investor, Talent, ServiceProvider):
        for record in model.objects.order_by("id")[:50]:
            words = record.search_text.split()
            expected = facets(record)
            assert expected and words[-len(expected) :] == expected, record.search_text


def test_weifang_association_has_active_renewing_and_lapsed_members(demo_db):
    memberships = AssociationMembership.objects.filter(
        association__name_en="Weifang Association of Cultural Industry"
    )
    assert memberships.filter(status="active").count() >= 5
    assert memberships.filter(status="lapsed").count() == 1
    assert memberships.filter(membership_type="president").count() == 1


def test_there_is_one_login_per_role_and_it_authenticates(demo_db, rf):
    for role in Role:
        user = User.objects.filter(role=role).order_by("id").first()
        assert user is not None, role
        # A sign-in always comes with its request: the throttle keys on its address.
        request = rf.post("/accounts/login/")
        assert authenticate(request, username=user.username, password=DEMO_PASSWORD) == user
    assert User.objects.get(username="staff_wuxi").jurisdiction_id == "320200"
    assert User.objects.get(username="staff_national").jurisdiction_id == "000000"
    assert User.objects.get(username="official_binhu").jurisdiction_id == "320211"


def city_names() -> dict[str, set[str]]:
    """Every city's name as a record's name would carry it, with its region-code prefix."""
    cities: dict[str, set[str]] = {}

    def add(name: str, prefix: str) -> None:
        if len(name) >= 2:
            cities.setdefault(name, set()).add(prefix)

    # Municipalities and the special administrative regions are provinces; other cities are
    # prefectures named "...市".
    for r in Region.objects.filter(level__in=[Region.Level.PROVINCE, Region.Level.PREFECTURE]):
        zh = r.name_zh_hans
        if r.level == Region.Level.PROVINCE and not zh.endswith(("市", "特别行政区")):
            continue
        if r.level == Region.Level.PREFECTURE and not zh.endswith("市"):
            continue
        prefix = r.code[:2] if r.level == Region.Level.PROVINCE else r.code[:4]
        add(zh.removesuffix("市").removesuffix("特别行政区"), prefix)
        add(r.name_en, prefix)
    return cities


def named_cities(name: str, cities: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    for city, prefixes in cities.items():
        if city.isascii():
            if re.search(rf"\b{re.escape(city)}\b", name):
                found |= prefixes
        elif city in name:
            found |= prefixes
    return found


def test_records_named_after_a_city_are_in_that_city(demo_db):
    cities = city_names()
    misplaced = []
    for model in (Enterprise, Park, Investor, ServiceProvider, Organisation):
        for name_zh, name_en, region in model.objects.values_list(
            "name_zh_hans", "name_en", "region_id"
        ):
            prefixes = named_cities(name_zh, cities) or named_cities(name_en, cities)
            if prefixes and not any((region or "").startswith(p) for p in prefixes):
                misplaced.append((model.__name__, name_zh or name_en, region))
    assert misplaced == []


def test_foreign_investors_are_not_all_in_one_district(demo_db):
    # Their China offices spread over the business districts of several cities.
    regions = Counter(Investor.objects.exclude(country="CN").values_list("region_id", flat=True))
    assert sum(regions.values()) >= 20
    assert max(regions.values()) <= sum(regions.values()) // 3
    assert {code[:4] for code in regions} >= {"1101", "3101", "4403"}


def test_the_demo_expert_also_represents_an_enterprise(demo_db):
    from wenchuang.accounts import roles
    from wenchuang.directory import permissions
    from wenchuang.directory.demo import existing_logins

    expert = User.objects.get(username="expert_demo")
    assert roles.has_role(expert, Role.EXPERT_REVIEWER)
    own = Enterprise.objects.filter(
        organisation_id__in=roles.organisations(expert, Role.ENTERPRISE_REP)
    ).first()
    assert own is not None and permissions.can_edit(expert, own)
    row = next(r for r in existing_logins() if r["username"] == "expert_demo")
    assert row["role"] == "expert reviewer, enterprise representative"
