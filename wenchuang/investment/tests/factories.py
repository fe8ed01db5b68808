"""Factories for projects and investors' profiles, with traits; categories are the seed's."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import OrganisationFactory
from wenchuang.core.regions import place
from wenchuang.directory.tests.factories import InvestorFactory
from wenchuang.investment import search
from wenchuang.investment.categories import ensure_seed_categories
from wenchuang.investment.models import InvestorProfile, Project, ProjectCategory
from wenchuang.reference.models import Region


def category(code: str) -> ProjectCategory:
    ensure_seed_categories()
    return ProjectCategory.objects.get(code=code)


class ProjectFactory(DjangoModelFactory):
    """A published VR project of a Binhu (Wuxi) enterprise seeking ¥20 M of equity.

    Traits: `draft`, `submitted`; pass `category=category("...")` for another category.
    """

    class Meta:
        model = Project
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    title_zh_hans = factory.Sequence(lambda n: f"博物馆虚拟现实体验项目{n}")
    title_en = factory.Sequence(lambda n: f"Virtual reality for museums {n}")
    pitch_zh_hans = "为博物馆开发虚拟现实沉浸式体验，让游客在数字空间里参观文物。"
    category = factory.LazyFunction(lambda: category("vr-applications"))
    industry_class_id = "0241"
    region_id = "320211"
    amount = Decimal("20000000.00")
    currency_id = "CNY"
    investment_type = Project.InvestmentType.EQUITY
    stage = Project.Stage.PLANNING
    status = Project.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Project.Status.DRAFT)
        submitted = factory.Trait(status=Project.Status.SUBMITTED)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        project = model_class(*args, **kwargs)
        place(project, Region.objects.get(code=project.region_id))
        project.search_text = search.document(project)
        project.save()
        return project


class ProfileFactory(DjangoModelFactory):
    """An investor of the directory looking for VR projects in Jiangsu, ¥5–50 M tickets."""

    class Meta:
        model = InvestorProfile
        skip_postgeneration_save = True

    investor = factory.SubFactory(
        InvestorFactory, organisation=factory.SubFactory(OrganisationFactory, investor=True)
    )
    ticket_min = Decimal("5000000.00")
    ticket_max = Decimal("50000000.00")
    currency_id = "CNY"
    languages = factory.LazyFunction(lambda: ["en"])
    interest_statement = "We invest in virtual reality experiences for museums."

    @factory.post_generation
    def wants(self, create, codes, **kwargs):
        """`ProfileFactory(wants=["vr-applications"])`: the categories it looks for."""
        if create and codes:
            self.categories.set([category(code) for code in codes])
