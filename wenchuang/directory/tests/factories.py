"""Factories for directory records, memberships, profile changes and import jobs.

Records come out as the site would store them: published (a trait for pending and rejected),
in Binhu district of Wuxi (a trait per seed city), with the copied region and category
columns and the search document filled in, so lists, filters and search find them.
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import OrganisationFactory, UserFactory
from wenchuang.directory.demo.compose import credit_code
from wenchuang.directory.models import (
    AssociationMembership,
    Enterprise,
    ImportJob,
    Investor,
    Park,
    ProfileChange,
    PublicationStatus,
    ServiceProvider,
    Talent,
)
from wenchuang.directory.search import document
from wenchuang.reference.models import IndustryCategory, Region
from wenchuang.reference.selectors import SizeRule

# (city in a name, its English, a county) for the seed cities of the demo data.
CITIES = {
    "wuxi": ("无锡", "Wuxi", "320211"),
    "beijing": ("北京", "Beijing", "110105"),
    "weifang": ("潍坊", "Weifang", "370705"),
    "dalian": ("大连", "Dalian", "210202"),
    "shenzhen": ("深圳", "Shenzhen", "440305"),
    "nanjing": ("南京", "Nanjing", "320102"),
    "shanghai": ("上海", "Shanghai", "310101"),
}
BRANDS = [("灵动", "Lingdong"), ("华韵", "Huayun"), ("星河", "Xinghe"), ("锦绣", "Jinxiu")]


def _in(key: str) -> factory.Trait:
    """`in_dalian=True` and so on: the record's region, and its city in the names."""
    zh, en, county = CITIES[key]
    return factory.Trait(city=zh, city_en=en, region_id=county)


def _brand(n: int) -> tuple[str, str]:
    return BRANDS[n % len(BRANDS)]


class RecordFactory(DjangoModelFactory):
    """What every directory record has; the search document is made as the services make it."""

    class Meta:
        abstract = True
        exclude = ("city", "city_en", "region_level")
        skip_postgeneration_save = True

    city = "无锡"
    city_en = "Wuxi"
    region_id = "320211"
    region_level = factory.LazyAttribute(lambda r: Region.objects.get(code=r.region_id).level)
    province_code = factory.LazyAttribute(lambda r: r.region_id[:2] + "0000")
    prefecture_code = factory.LazyAttribute(
        lambda r: r.region_id[:4] + "00" if r.region_level >= Region.Level.PREFECTURE else ""
    )
    status = PublicationStatus.PUBLISHED

    class Params:
        pending = factory.Trait(status=PublicationStatus.PENDING)
        rejected = factory.Trait(status=PublicationStatus.REJECTED)
        with_contacts = factory.Trait(
            contact_person="王经理",
            email=factory.Sequence(lambda n: f"contact{n}@example.cn"),
            phone="0510-85123456",
            website=factory.Sequence(lambda n: f"https://www.record-{n}.example.cn/"),
        )
        owned = factory.Trait(organisation=factory.SubFactory(OrganisationFactory))
        in_wuxi = _in("wuxi")
        in_beijing = _in("beijing")
        in_weifang = _in("weifang")
        in_dalian = _in("dalian")
        in_shenzhen = _in("shenzhen")
        in_nanjing = _in("nanjing")
        in_shanghai = _in("shanghai")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        record = model_class(*args, **kwargs)
        record.search_text = document(record)
        record.save()
        return record


class ParkFactory(RecordFactory):
    class Meta:
        model = Park

    name_zh_hans = factory.LazyAttributeSequence(lambda p, n: f"{p.city}第{n}文化创意产业园")
    name_en = factory.LazyAttributeSequence(
        lambda p, n: f"{p.city_en} No. {n} Cultural and Creative Industry Park"
    )
    level = Park.Level.MUNICIPAL
    latitude = Decimal("31.491000")
    longitude = Decimal("120.258000")
    area_hectares = Decimal("12.50")
    vacancy_rate = Decimal("8.20")

    class Params:
        national = factory.Trait(level=Park.Level.NATIONAL_BASE)
        operated = factory.Trait(
            organisation=factory.SubFactory(OrganisationFactory, park_operator=True)
        )
        without_coordinates = factory.Trait(latitude=None, longitude=None)

    @factory.post_generation
    def focus(self, create, codes, **kwargs):
        """`ParkFactory(focus=["0241"])`: the park's focus categories."""
        if create and codes:
            self.focus_categories.set(codes)


class EnterpriseFactory(RecordFactory):
    """A small animation studio with revenue under the size threshold, unless a trait says."""

    class Meta:
        model = Enterprise

    name_zh_hans = factory.LazyAttributeSequence(
        lambda e, n: f"{e.city}{_brand(n)[0]}第{n}动漫科技有限公司"
    )
    name_en = factory.LazyAttributeSequence(
        lambda e, n: f"{e.city_en} {_brand(n)[1]} No. {n} Animation Technology Co., Ltd."
    )
    description_en = "Animated series and games for children."
    credit_code = factory.LazyAttributeSequence(lambda e, n: credit_code(e.region_id, 900_000 + n))
    category_id = "0241"
    major_code = factory.LazyAttribute(lambda e: e.category_id[:2])
    mid_code = factory.LazyAttribute(lambda e: e.category_id[:3])
    domain = factory.LazyAttribute(
        lambda e: IndustryCategory.objects.get(code=e.category_id).domain
    )
    founded_year = 2015
    employees = 12
    annual_revenue = Decimal("3500000.00")
    revenue_year = 2024
    above_designated_size = factory.LazyAttribute(
        lambda e: SizeRule.load().is_above(e.category_id, e.annual_revenue, e.revenue_year)
    )

    class Params:
        large = factory.Trait(annual_revenue=Decimal("850000000.00"), employees=1400)
        without_revenue = factory.Trait(annual_revenue=None, revenue_year=None, employees=None)
        in_park = factory.Trait(
            park=factory.SubFactory(
                ParkFactory,
                region_id=factory.SelfAttribute("..region_id"),
                city=factory.SelfAttribute("..city"),
                city_en=factory.SelfAttribute("..city_en"),
            )
        )


class InvestorFactory(RecordFactory):
    class Meta:
        model = Investor

    name_zh_hans = factory.LazyAttributeSequence(lambda i, n: f"{i.city}第{n}文化产业投资基金")
    name_en = factory.LazyAttributeSequence(
        lambda i, n: f"{i.city_en} No. {n} Cultural Industry Fund"
    )
    investor_type = Investor.InvestorType.VENTURE
    country = "CN"
    currency_id = "CNY"
    ticket_min = Decimal("5000000.00")
    ticket_max = Decimal("50000000.00")

    class Params:
        foreign = factory.Trait(
            name_zh_hans="",
            name_en=factory.Sequence(lambda n: f"Lumière Capital Partners {n}"),
            country="FR",
            currency_id="EUR",
            city="上海",
            city_en="Shanghai",
            region_id="310101",
            investor_type=Investor.InvestorType.PRIVATE_EQUITY,
        )
        government_fund = factory.Trait(investor_type=Investor.InvestorType.GOVERNMENT_FUND)

    @factory.post_generation
    def focus(self, create, codes, **kwargs):
        """`InvestorFactory(focus=["0241", "0322"])`: the categories it invests in."""
        if create and codes:
            self.focus_categories.set(codes)


class TalentFactory(RecordFactory):
    class Meta:
        model = Talent

    name_zh_hans = factory.Sequence(lambda n: ["王芳", "李娜", "张伟", "刘洋"][n % 4])
    name_en = factory.Sequence(lambda n: ["Wang Fang", "Li Na", "Zhang Wei", "Liu Yang"][n % 4])
    title = "高级动画设计师"
    category_id = "0241"
    description_en = factory.LazyAttribute(lambda t: f"Animator based in {t.city_en}.")


class ServiceProviderFactory(RecordFactory):
    class Meta:
        model = ServiceProvider

    name_zh_hans = factory.LazyAttributeSequence(lambda s, n: f"{s.city}第{n}知识产权代理有限公司")
    name_en = factory.LazyAttributeSequence(
        lambda s, n: f"{s.city_en} No. {n} Intellectual Property Agency Co., Ltd."
    )
    service = ServiceProvider.Service.INTELLECTUAL_PROPERTY
    certified = False

    class Params:
        certified_by_the_centre = factory.Trait(certified=True)
        legal = factory.Trait(
            service=ServiceProvider.Service.LEGAL,
            name_zh_hans=factory.LazyAttributeSequence(lambda s, n: f"{s.city}第{n}律师事务所"),
            name_en=factory.LazyAttributeSequence(lambda s, n: f"{s.city_en} No. {n} Law Firm"),
        )


class AssociationMembershipFactory(DjangoModelFactory):
    """An active member unit of the Wuxi association, renewing in four months."""

    class Meta:
        model = AssociationMembership

    association = factory.SubFactory(OrganisationFactory, association=True)
    member = factory.SubFactory(OrganisationFactory)
    membership_type = AssociationMembership.MembershipType.MEMBER
    yearly_fee = Decimal("2000.00")
    currency_id = "CNY"
    started_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=240))
    renews_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=125))
    status = AssociationMembership.Status.ACTIVE

    class Params:
        applied = factory.Trait(status=AssociationMembership.Status.APPLIED, started_on=None)
        lapsed = factory.Trait(
            status=AssociationMembership.Status.LAPSED,
            renews_on=factory.LazyFunction(
                lambda: datetime.date.today() - datetime.timedelta(days=45)
            ),
        )
        renewing_soon = factory.Trait(
            renews_on=factory.LazyFunction(
                lambda: datetime.date.today() + datetime.timedelta(days=10)
            )
        )
        president = factory.Trait(
            membership_type=AssociationMembership.MembershipType.PRESIDENT,
            yearly_fee=Decimal("20000.00"),
        )
        with_enterprise = factory.Trait(
            enterprise=factory.SubFactory(
                EnterpriseFactory, organisation=factory.SelfAttribute("..member")
            )
        )


class ProfileChangeFactory(DjangoModelFactory):
    """A representative's proposed new English description of their enterprise, pending."""

    class Meta:
        model = ProfileChange
        exclude = ("record",)

    record = factory.SubFactory(EnterpriseFactory, owned=True)
    record_type = factory.LazyAttribute(lambda c: c.record._meta.label_lower)
    record_id = factory.SelfAttribute("record.pk")
    region_code = factory.SelfAttribute("record.region_id")
    province_code = factory.SelfAttribute("record.province_code")
    prefecture_code = factory.SelfAttribute("record.prefecture_code")
    changes = factory.LazyAttribute(
        lambda c: {"description_en": f"{c.record.name_en} now also makes games."}
    )
    submitted_by = factory.SubFactory(
        UserFactory,
        enterprise_rep=True,
        organisation=factory.SelfAttribute("..record.organisation"),
    )
    status = ProfileChange.Status.PENDING

    class Params:
        approved = factory.Trait(
            status=ProfileChange.Status.APPROVED,
            decided_by=factory.SubFactory(UserFactory, centre_staff=True),
            decided_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
        rejected = factory.Trait(
            status=ProfileChange.Status.REJECTED,
            decided_by=factory.SubFactory(UserFactory, centre_staff=True),
            decided_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
            reason="The description names another company's products.",
        )


class ImportJobFactory(DjangoModelFactory):
    """A queued import of enterprises by Wuxi staff."""

    class Meta:
        model = ImportJob

    record_type = "enterprises"
    file_name = factory.Sequence(lambda n: f"无锡文化企业名录-{n}.xlsx")
    file_path = factory.LazyAttribute(lambda j: f"imports/{j.file_name}")
    created_by = factory.SubFactory(UserFactory, centre_staff=True)
    total_rows = 120

    class Params:
        running = factory.Trait(status=ImportJob.Status.RUNNING, processed_rows=40)
        succeeded = factory.Trait(
            status=ImportJob.Status.SUCCEEDED,
            processed_rows=120,
            imported_rows=118,
            errors=[{"row": 7, "field": "credit_code", "message": "bad check character"}],
            finished_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
        failed = factory.Trait(
            status=ImportJob.Status.FAILED,
            finished_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
