"""Factories for indicators, periods, returns and their values, shaped like the standard set."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from wenchuang.directory.tests.factories import EnterpriseFactory, ParkFactory
from wenchuang.statistics.calendar import due_date
from wenchuang.statistics.models import (
    Indicator,
    Period,
    ReferenceValue,
    Reporter,
    ReportingObligation,
    ReturnValue,
    StatReturn,
)
from wenchuang.statistics.placing import fill_placement


class IndicatorFactory(DjangoModelFactory):
    """A quarterly money figure of enterprises; `IndicatorFactory(code="revenue")`: the standard."""

    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"指标{n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = Indicator.Unit.YUAN
    reporter = Reporter.ENTERPRISE
    value_type = Indicator.ValueType.MONEY
    min_value = Decimal(0)

    class Params:
        cumulative_money = factory.Trait(cumulative=True)
        optional = factory.Trait(required=False)


class ObligationFactory(DjangoModelFactory):
    """The standard quarterly return of enterprises above designated size (see standard.py)."""

    class Meta:
        model = ReportingObligation
        django_get_or_create = ("code",)

    code = "enterprise-quarterly"
    name_zh_hans = "规模以上文化企业季度报表"
    name_en = "Quarterly return of enterprises above designated size"
    reporter = Reporter.ENTERPRISE
    applies_to = factory.LazyFunction(lambda: {"above_designated_size": True})

    class Params:
        parks = factory.Trait(
            code="park-quarterly",
            name_zh_hans="文化产业园区季度报表",
            name_en="Quarterly return of parks",
            reporter=Reporter.PARK,
            applies_to=factory.LazyFunction(dict),
        )


class PeriodFactory(DjangoModelFactory):
    """An open quarter (2026 Q3 unless given), due the standard 20 days after its end.

    Traits: `locked`, `released`.
    """

    class Meta:
        model = Period
        django_get_or_create = ("year", "quarter")

    year = 2026
    quarter = 3
    due_on = factory.LazyAttribute(lambda p: due_date(p.year, p.quarter, 20))

    class Params:
        locked = factory.Trait(status=Period.Status.LOCKED)
        released = factory.Trait(
            status=Period.Status.RELEASED, released_at=factory.LazyFunction(timezone.now)
        )


class StatReturnFactory(DjangoModelFactory):
    """A submitted return of an enterprise above designated size in Binhu, Wuxi.

    `StatReturnFactory(park_return=True)` is a park's return; `reporter_record=` any record.
    """

    class Meta:
        model = StatReturn

    obligation = factory.SubFactory(ObligationFactory)
    period = factory.SubFactory(PeriodFactory)
    reporter_record = factory.SubFactory(EnterpriseFactory, large=True)
    reporter = Reporter.ENTERPRISE
    submitted_at = factory.LazyFunction(timezone.now)

    class Params:
        park_return = factory.Trait(
            obligation=factory.SubFactory(ObligationFactory, parks=True),
            reporter_record=factory.SubFactory(ParkFactory),
            reporter=Reporter.PARK,
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        record = kwargs.pop("reporter_record", None)
        obj = model_class(*args, **kwargs)
        if record is not None and not obj.reporter_key:
            fill_placement(obj, obj.reporter, record)
        obj.save()
        return obj


class ReturnValueFactory(DjangoModelFactory):
    """The current first revision of the revenue of a return: 12.5 million yuan."""

    class Meta:
        model = ReturnValue

    stat_return = factory.SubFactory(StatReturnFactory)
    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="revenue"))
    value = Decimal("12500000")


class ReferenceValueFactory(DjangoModelFactory):
    """Wuxi's GDP for a year (entered in its fourth quarter)."""

    class Meta:
        model = ReferenceValue

    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="gdp"))
    region_id = "320200"
    period = factory.SubFactory(PeriodFactory, quarter=4)
    value = Decimal("1185200000000")
    source = "无锡市统计局"
    created_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
