"""Factories for reference rows: they fetch the loaded row, since every test session has them."""

import factory
from factory.django import DjangoModelFactory

from wenchuang.reference.models import Currency, IndustryCategory, Region, SizeThreshold


class RegionFactory(DjangoModelFactory):
    """`RegionFactory()` is Binhu district of Wuxi; `RegionFactory(code=...)` any loaded region."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "320211"


class IndustryCategoryFactory(DjangoModelFactory):
    """Animation, comics and game content (0241) unless a code is given."""

    class Meta:
        model = IndustryCategory
        django_get_or_create = ("code",)

    code = "0241"


class CurrencyFactory(DjangoModelFactory):
    class Meta:
        model = Currency
        django_get_or_create = ("code",)

    code = "CNY"


class SizeThresholdFactory(DjangoModelFactory):
    """A revenue threshold of its own, for tests about the above-designated-size rule."""

    class Meta:
        model = SizeThreshold

    sector = factory.Sequence(lambda n: f"test sector {n}")
    division_from = "86"
    division_to = "90"
    min_revenue_yuan = 20_000_000
    valid_from_year = 2011
