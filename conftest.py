"""Shared test fixtures for every app: reference data, organisations and a cast of users.

- Reference rows (regions, classification, currencies, size thresholds) are loaded once per
  session and never flushed, so `reference_data` costs nothing, even in transactional tests.
- `orgs` and `cast` are made on first use: `cast["wuxi_staff"]` creates that user (and the
  organisation they act for) when a test first asks for them, so a test pays only for the
  people it uses. A test that expects someone to exist without using them (a mail recipient,
  a count of staff) names them first: `recipients = {cast["rep"].email, ...}`. A new app adds
  the people it needs to CAST (and ORGS), not a cast of its own.
- Factories for every model, with traits, are in `wenchuang/<app>/tests/factories.py`.
"""

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import caches
from django.utils import translation

from wenchuang.accounts.models import Role
from wenchuang.accounts.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from wenchuang.reference.loading import load_all

# Reference tables: loaded once per test database and left out of every flush.
REFERENCE_TABLES = frozenset(
    m._meta.db_table for m in apps.get_app_config("reference").get_models()
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture(scope="session", autouse=True)
def reference_tables_survive_flushes():
    """A transactional test ends with a flush of every table; keep the reference tables.

    Tests never write reference rows, and reloading ~3,400 of them after each flush was most
    of a browser test's set-up.
    """
    from django.core.management.commands import flush

    original = flush.sql_flush

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        tables = [
            table
            for table in connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            if table not in REFERENCE_TABLES
        ]
        return connection.ops.sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )

    flush.sql_flush = sql_flush
    yield
    flush.sql_flush = original


@pytest.fixture(autouse=True)
def english_by_default():
    """Messages in assertions are the English source; tests about languages choose their own."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def no_kept_list_answers():
    """No API list answer kept by an earlier test, whose rows (and generations) are gone."""
    caches["lists"].clear()


@pytest.fixture(scope="module")
def demo_directory(request, django_db_setup, django_db_blocker):
    """A small directory made by the demo generator, as `make demo` makes it, for one module.

    Rolled back after the module. A module may set DEMO_SEED to get other records.
    """
    from django.db import transaction
    from django.test import override_settings

    from wenchuang.directory.demo import generate

    seed = getattr(request.module, "DEMO_SEED", 5)
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        with transaction.atomic():
            generate(enterprises=40, seed=seed, progress=False)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo_directory, db):
    """The module's demo directory, in a test that may use the database."""
    return demo_directory


@pytest.fixture
def reference_data(db):
    """Says a test reads reference rows; they are always there (see the module docstring)."""


class Cast(Mapping):
    """People or organisations made from specs on first use, then the same object each time."""

    def __init__(self, specs: Mapping[str, Callable[[], Any]]):
        self._specs = specs
        self._made: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._made:
            self._made[key] = self._specs[key]()
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


# Organisations: key -> (kind trait, Chinese name, English name, region).
ORGS = {
    "wuxi_centre": ("agency", "无锡市文化产业促进中心", "", "320200"),
    "jiangsu_office": ("agency", "", "Jiangsu culture office", "320000"),
    "shandong_office": ("agency", "山东省文化产业促进中心", "Shandong culture office", "370000"),
    "national": ("agency", "", "National office", "000000"),
    "dalian_bureau": ("agency", "", "Dalian culture bureau", "210200"),
    "binhu": ("district", "滨湖区人民政府", "", "320211"),
    "studios_operator": ("park_operator", "", "Wuxi Studios Ltd", "320211"),
    "other_operator": ("park_operator", "", "Other park operator", "320214"),
    "acme": (None, "", "Acme Animation", "320211"),
    "rival": (None, "", "Rival Design", "320214"),
    "fund": ("investor", "", "Taihu Capital", "320200"),
    "lawyers": ("service_provider", "", "Taihu Law", "320200"),
    "association": ("association", "", "Wuxi Cultural Industry Association", "320200"),
    "assessors": (
        "institution",
        "江苏文化产业评估研究院",
        "Jiangsu Cultural Industry Assessment Institute",
        "320000",
    ),
    "other_assessors": ("institution", "", "Dalian Assessment Consultancy", "210200"),
}

# The cast: username -> (role, organisation key, jurisdiction).
CAST = {
    "wuxi_staff": (Role.CENTRE_STAFF, "wuxi_centre", "320200"),
    "jiangsu_staff": (Role.CENTRE_STAFF, "jiangsu_office", "320000"),
    "shandong_staff": (Role.CENTRE_STAFF, "shandong_office", "370000"),
    "national_staff": (Role.CENTRE_STAFF, "national", "000000"),
    "dalian_staff": (Role.CENTRE_STAFF, "dalian_bureau", "210200"),
    "district": (Role.DISTRICT_OFFICIAL, "binhu", "320211"),
    "park_manager": (Role.PARK_MANAGER, "studios_operator", None),
    "other_park_manager": (Role.PARK_MANAGER, "other_operator", None),
    "rep": (Role.ENTERPRISE_REP, "acme", None),
    "rival_rep": (Role.ENTERPRISE_REP, "rival", None),
    "investor": (Role.INVESTOR, "fund", None),
    "expert": (Role.EXPERT_REVIEWER, None, None),
    "provider": (Role.SERVICE_PROVIDER, "lawyers", None),
    "member": (Role.ASSOCIATION_MEMBER, "acme", None),
    "public": (Role.PUBLIC, None, None),
    "assessor": (Role.ASSESSOR, "assessors", None),
    "other_assessor": (Role.ASSESSOR, "other_assessors", None),
    # Staff of the Wuxi centre who also speak for the Wuxi association (a second affiliation).
    "staff_member": (Role.CENTRE_STAFF, "wuxi_centre", "320200"),
}
# Further affiliations of cast members: username -> [(role, organisation key, jurisdiction)].
MORE_ROLES = {
    "staff_member": [(Role.ASSOCIATION_MEMBER, "association", None)],
}


@pytest.fixture
def orgs(db):
    """Organisations in Wuxi (320200), Binhu district (320211), Dalian (210200) and more."""

    def make(key: str):
        trait, zh, en, region = ORGS[key]
        traits = {trait: True} if trait else {}
        return lambda: OrganisationFactory(**traits, name_zh_hans=zh, name_en=en, region_id=region)

    return Cast({key: make(key) for key in ORGS})


@pytest.fixture
def cast(orgs):
    """One user per role, staff with their offices' jurisdictions, and one with two roles.

    Password: factories.PASSWORD. `MORE_ROLES` gives a cast member further affiliations.
    """

    def make(username: str):
        def person():
            role, org, jurisdiction = CAST[username]
            user = UserFactory(
                username=username,
                role=role,
                organisation=orgs[org] if org else None,
                jurisdiction_code=jurisdiction,
            )
            for role, org, jurisdiction in MORE_ROLES.get(username, []):
                AffiliationFactory(
                    user=user,
                    role=role,
                    organisation=orgs[org] if org else None,
                    jurisdiction_code=jurisdiction,
                )
            return user

        return person

    return Cast({username: make(username) for username in CAST})


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
