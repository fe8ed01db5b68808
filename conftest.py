"""Shared test fixtures: reference data loaded once, and a cast of users, one per role."""

import pytest
from django.utils import translation

from wenchuang.accounts.models import Organisation, Role
from wenchuang.accounts.services import user_create
from wenchuang.reference.loading import load_all


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture(autouse=True)
def english_by_default():
    """Messages in assertions are the English source; tests about languages choose their own."""
    with translation.override("en"):
        yield


@pytest.fixture
def reference_data(db):
    """Reference rows, reloaded for tests whose transactions flush the tables."""
    from wenchuang.reference.models import Region

    if not Region.objects.exists():
        load_all()


@pytest.fixture
def orgs(db):
    """Organisations in Wuxi (320200), Binhu district (320211) and Dalian (210200)."""
    make = Organisation.objects.create
    return {
        "wuxi_centre": make(
            kind="agency", name_zh_hans="无锡市文化产业促进中心", region_id="320200"
        ),
        "jiangsu_office": make(kind="agency", name_en="Jiangsu culture office", region_id="320000"),
        "national": make(kind="agency", name_en="National office", region_id="000000"),
        "dalian_bureau": make(kind="agency", name_en="Dalian culture bureau", region_id="210200"),
        "binhu": make(kind="district", name_zh_hans="滨湖区人民政府", region_id="320211"),
        "studios_operator": make(
            kind="park_operator", name_en="Wuxi Studios Ltd", region_id="320211"
        ),
        "other_operator": make(
            kind="park_operator", name_en="Other park operator", region_id="320214"
        ),
        "acme": make(kind="enterprise", name_en="Acme Animation", region_id="320211"),
        "rival": make(kind="enterprise", name_en="Rival Design", region_id="320214"),
        "fund": make(kind="investor", name_en="Taihu Capital", region_id="320200"),
        "lawyers": make(kind="service_provider", name_en="Taihu Law", region_id="320200"),
        "association": make(
            kind="association", name_en="Wuxi Cultural Industry Association", region_id="320200"
        ),
    }


@pytest.fixture
def cast(orgs):
    """One user per role; staff with the jurisdictions their offices have."""

    def user(name, role, org=None, jurisdiction=None, email=""):
        return user_create(
            username=name,
            password="pw-for-tests",
            role=role,
            organisation=orgs[org] if org else None,
            jurisdiction_code=jurisdiction,
            email=email or f"{name}@example.cn",
        )

    return {
        "wuxi_staff": user("wuxi_staff", Role.CENTRE_STAFF, "wuxi_centre", "320200"),
        "jiangsu_staff": user("jiangsu_staff", Role.CENTRE_STAFF, "jiangsu_office", "320000"),
        "national_staff": user("national_staff", Role.CENTRE_STAFF, "national", "000000"),
        "dalian_staff": user("dalian_staff", Role.CENTRE_STAFF, "dalian_bureau", "210200"),
        "district": user("district", Role.DISTRICT_OFFICIAL, "binhu", "320211"),
        "park_manager": user("park_manager", Role.PARK_MANAGER, "studios_operator"),
        "other_park_manager": user("other_park_manager", Role.PARK_MANAGER, "other_operator"),
        "rep": user("rep", Role.ENTERPRISE_REP, "acme"),
        "rival_rep": user("rival_rep", Role.ENTERPRISE_REP, "rival"),
        "investor": user("investor", Role.INVESTOR, "fund"),
        "expert": user("expert", Role.EXPERT_REVIEWER),
        "provider": user("provider", Role.SERVICE_PROVIDER, "lawyers"),
        "member": user("member", Role.ASSOCIATION_MEMBER, "acme"),
        "public": user("public", Role.PUBLIC),
    }


@pytest.fixture
def directory(cast, orgs):
    """A small published directory in Wuxi: a park with a tenant, and a rival's enterprise."""
    from wenchuang.directory import services
    from wenchuang.directory.models import Enterprise, Investor, Park, ServiceProvider

    staff = cast["wuxi_staff"]
    studios = services.record_create(
        model=Park,
        by=staff,
        data={
            "name_zh_hans": "无锡国家数字电影产业园",
            "name_en": "Wuxi Studios",
            "region": "320211",
            "level": "national_base",
            "latitude": "31.491",
            "longitude": "120.258",
        },
    )
    studios.organisation = orgs["studios_operator"]
    studios.save()
    other_park = services.record_create(
        model=Park,
        by=staff,
        data={"name_en": "National Industrial Design Park", "region": "320214"},
    )
    other_park.organisation = orgs["other_operator"]
    other_park.save()
    acme = services.record_create(
        model=Enterprise,
        by=staff,
        data={
            "name_zh_hans": "无锡灵动动漫科技有限公司",
            "name_en": "Wuxi Lingdong Animation Technology Co., Ltd.",
            "description_en": "Animated series and games for children.",
            "region": "320211",
            "category": "0241",
            "park": studios.pk,
            "annual_revenue": "30000000",
            "revenue_year": 2025,
            "email": "contact@acme.example.cn",
            "phone": "0510-1234567",
        },
    )
    acme.organisation = orgs["acme"]
    acme.save()
    rival = services.record_create(
        model=Enterprise,
        by=staff,
        data={
            "name_zh_hans": "无锡新吴设计有限公司",
            "name_en": "Xinwu Design Ltd",
            "region": "320214",
            "category": "0322",
            "email": "hello@rival.example.cn",
        },
    )
    rival.organisation = orgs["rival"]
    rival.save()
    fund = services.record_create(
        model=Investor,
        by=staff,
        data={"name_en": "Taihu Capital", "region": "320200", "currency": "CNY"},
    )
    fund.organisation = orgs["fund"]
    fund.save()
    lawyers = services.record_create(
        model=ServiceProvider,
        by=staff,
        data={"name_en": "Taihu Law Firm", "region": "320211", "service": "legal"},
    )
    lawyers.organisation = orgs["lawyers"]
    lawyers.save()
    dalian = services.record_create(
        model=Enterprise,
        by=cast["dalian_staff"],
        data={"name_en": "Dalian Harbour Media", "region": "210202", "category": "0131"},
    )
    return {
        "studios": studios,
        "other_park": other_park,
        "acme": acme,
        "rival": rival,
        "dalian": dalian,
        "fund": fund,
        "lawyers": lawyers,
    }
