"""Factories for programmes, calls and applications, shaped like the centre's real rounds.

A call is a published 2026 special-fund round of the Wuxi centre, open now, with the
engine's standard stages and form; traits close it, keep it in preparation, add a field
assessment or make it a designation round. An application is a Binhu enterprise's draft
with complete answers; a trait per stage puts it there (with its submission time).
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import OrganisationFactory
from wenchuang.reference.models import Region
from wenchuang.workflows.defaults import standard_form, standard_stages
from wenchuang.workflows.models import Application, Call, Programme

DAY = datetime.timedelta(days=1)


class ProgrammeFactory(DjangoModelFactory):
    """The Wuxi centre's special fund for cultural industries."""

    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    kind = "fund"
    code = factory.Sequence(lambda n: f"wuxi-fund-{n}")
    title_zh_hans = "无锡市文化产业发展专项资金"
    title_en = "Wuxi Special Fund for Cultural Industry Development"
    agency = factory.SubFactory(OrganisationFactory, agency=True)
    jurisdiction_id = "320200"

    class Params:
        designation = factory.Trait(
            kind="designation",
            code=factory.Sequence(lambda n: f"wuxi-cluster-{n}"),
            title_zh_hans="无锡市文化产业集聚区认定",
            title_en="Wuxi cultural industry cluster area designation",
        )
        beijing = factory.Trait(
            jurisdiction_id="110000",
            code=factory.Sequence(lambda n: f"beijing-fund-{n}"),
            title_zh_hans="北京市文化创新发展专项资金",
            title_en="Beijing Special Fund for Cultural Innovation",
            agency=factory.SubFactory(
                OrganisationFactory,
                agency=True,
                name_zh_hans="北京市文化产业促进中心",
                name_en="Beijing Cultural Industry Promotion Center",
                region_id="110000",
            ),
        )


class CallFactory(DjangoModelFactory):
    """The 2026 round, published, open since ten days, closing in twenty."""

    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title_zh_hans = "2026年度文化产业发展专项资金项目申报"
    title_en = "2026 call for cultural industry projects"
    title_fr = "Appel à projets 2026 pour les industries culturelles"
    title_de = "Ausschreibung 2026 für Kulturwirtschaftsprojekte"
    opens_at = factory.LazyFunction(lambda: timezone.now() - 10 * DAY)
    closes_at = factory.LazyFunction(lambda: timezone.now() + 20 * DAY)
    budget_amount = Decimal("50000000.00")
    budget_currency_id = "CNY"
    form = factory.LazyFunction(standard_form)
    stages = factory.LazyFunction(standard_stages)
    reviewers_per_application = 3
    max_per_reviewer = 20
    status = Call.Status.PUBLISHED

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - 40 * DAY),
            closes_at=factory.LazyFunction(lambda: timezone.now() - 10 * DAY),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + 5 * DAY),
            closes_at=factory.LazyFunction(lambda: timezone.now() + 35 * DAY),
        )
        in_preparation = factory.Trait(status=Call.Status.DRAFT)
        with_field_assessment = factory.Trait(
            stages=factory.LazyFunction(lambda: standard_stages(field_assessment=True))
        )
        designation = factory.Trait(
            programme=factory.SubFactory(ProgrammeFactory, designation=True),
            title_zh_hans="2026年度无锡市文化产业集聚区认定",
            title_en="2026 cluster area designation round",
            title_fr="Labellisation 2026 des zones de regroupement culturel",
            title_de="Anerkennungsrunde 2026 für Kulturcluster",
            budget_amount=None,
            stages=factory.LazyFunction(lambda: standard_stages(field_assessment=True)),
        )


def _answers() -> dict:
    return {
        "summary": "以太湖文化为主题的原创动画系列，计划制作52集并在国内外平台发行。",
        "start": "2026-03-01",
    }


def _stage_trait(stage: str, **extra) -> factory.Trait:
    return factory.Trait(
        stage=stage,
        submitted_at=factory.LazyFunction(lambda: timezone.now() - 2 * DAY),
        **extra,
    )


class ApplicationFactory(DjangoModelFactory):
    """A Binhu enterprise's draft to the open call, answers complete, stages snapshotted."""

    class Meta:
        model = Application
        exclude = ("region_level",)

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(OrganisationFactory)
    title = "太湖传说原创动画系列"
    answers = factory.LazyFunction(_answers)
    stage = "draft"
    stage_table = factory.LazyAttribute(lambda a: a.call.stages)
    amount_requested_amount = Decimal("800000.00")
    amount_requested_currency_id = "CNY"
    classification_id = "0221"
    region_id = factory.LazyAttribute(lambda a: a.applicant.region_id or "320211")
    region_level = factory.LazyAttribute(lambda a: Region.objects.get(code=a.region_id).level)
    province_code = factory.LazyAttribute(lambda a: a.region_id[:2] + "0000")
    prefecture_code = factory.LazyAttribute(
        lambda a: a.region_id[:4] + "00" if a.region_level >= Region.Level.PREFECTURE else ""
    )

    class Params:
        submitted = _stage_trait("submitted")
        screening = _stage_trait("screening")
        more_info = _stage_trait("more_info", info_request="请补充2025年度财务审计报告。")
        field_assessment = _stage_trait(
            "field_assessment", call=factory.SubFactory(CallFactory, with_field_assessment=True)
        )
        expert_review = _stage_trait("expert_review")
        decision = _stage_trait("decision")
        approved = _stage_trait("approved")
        rejected = _stage_trait("rejected")
        withdrawn = factory.Trait(stage="withdrawn")
        empty = factory.Trait(answers=factory.LazyFunction(dict))
