"""Factories for indicator sets, field and yearly assessments and designations, with traits."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import OrganisationFactory
from wenchuang.designation import indicators
from wenchuang.designation.models import Designation, FieldAssessment, IndicatorSet
from wenchuang.designation.standard import GOOD_VALUES, STANDARD_DEFINITION
from wenchuang.directory.tests.factories import ParkFactory


class IndicatorSetFactory(DjangoModelFactory):
    """The standard cluster-area indicator set (see designation/standard.py)."""

    class Meta:
        model = IndicatorSet
        django_get_or_create = ("code",)

    code = "cluster-area-2026"
    title_zh_hans = "文化创意产业集聚区认定指标（2026）"
    title_en = "Cluster-area indicators (2026)"
    definition = factory.LazyFunction(lambda: dict(STANDARD_DEFINITION))


class FieldAssessmentFactory(DjangoModelFactory):
    """A draft field assessment of an operated Wuxi park, entrusted to a new institution.

    Traits: `submitted` (the good values, scored), `yearly` (of a new designation).
    """

    class Meta:
        model = FieldAssessment

    park = factory.SubFactory(ParkFactory, operated=True)
    indicator_set = factory.SubFactory(IndicatorSetFactory)
    assessor = factory.SubFactory(OrganisationFactory, institution=True)
    region_id = factory.LazyAttribute(lambda a: a.park.region_id)
    province_code = factory.LazyAttribute(lambda a: a.park.province_code)
    prefecture_code = factory.LazyAttribute(lambda a: a.park.prefecture_code)

    class Params:
        submitted = factory.Trait(
            status=FieldAssessment.Status.SUBMITTED,
            values=factory.LazyFunction(lambda: dict(GOOD_VALUES)),
            score=factory.LazyAttribute(
                lambda a: indicators.total_score(a.indicator_set.definition, a.values)
            ),
            submitted_at=factory.LazyFunction(timezone.now),
        )
        yearly = factory.Trait(
            purpose=FieldAssessment.Purpose.YEARLY,
            designation=factory.SubFactory(
                "wenchuang.designation.tests.factories.DesignationFactory",
                park=factory.SelfAttribute("..park"),
            ),
            year=2026,
        )


class DesignationFactory(DjangoModelFactory):
    """A Wuxi park designated on 1 January 2025 for three years."""

    class Meta:
        model = Designation

    park = factory.SubFactory(ParkFactory, operated=True)
    indicator_set = factory.SubFactory(IndicatorSetFactory)
    certificate_number = factory.Sequence(lambda n: f"WC-32-2025-{n + 1:05d}")
    valid_from = datetime.date(2025, 1, 1)
    valid_until = datetime.date(2028, 1, 1)
    region_id = factory.LazyAttribute(lambda d: d.park.region_id)
    province_code = factory.LazyAttribute(lambda d: d.park.province_code)
    prefecture_code = factory.LazyAttribute(lambda d: d.park.prefecture_code)

    class Params:
        renewed = factory.Trait(status=Designation.Status.RENEWED)
        warned = factory.Trait(status=Designation.Status.WARNED)
        revoked = factory.Trait(status=Designation.Status.REVOKED)
        expired = factory.Trait(status=Designation.Status.EXPIRED)
        lapsing = factory.Trait(valid_until=datetime.date(2025, 12, 31))


SCORE_GOOD = Decimal("83.75")
