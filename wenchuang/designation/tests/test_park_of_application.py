"""A park operator's application begun on the call's page (no park named) is for its park."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.designation.models import FieldAssessment
from wenchuang.designation.plugin import default_form, default_stages
from wenchuang.directory.tests.factories import ParkFactory
from wenchuang.workflows import services as engine
from wenchuang.workflows.tests.factories import CallFactory, ProgrammeFactory

from .factories import IndicatorSetFactory
from .test_engine import ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(orgs, cast):
    """An application as the Apply page makes it: the operator, no subject."""
    IndicatorSetFactory()
    orgs["assessors"]
    programme = ProgrammeFactory(designation=True, agency=orgs["wuxi_centre"])
    call = CallFactory(
        programme=programme, budget_amount=None, stages=default_stages(), form=default_form()
    )
    manager = cast["park_manager"]
    draft = engine.create_draft(call=call, applicant=orgs["studios_operator"], by=manager)
    draft = engine.edit_draft(application=draft, by=manager, version=None, answers=ANSWERS)
    return engine.submit(application=draft, by=manager)


def _to_field_assessment(application, staff):
    application = engine.move_stage(application=application, target="screening", by=staff)
    return engine.move_stage(application=application, target="field_assessment", by=staff)


def test_the_field_assessment_is_for_the_one_park_the_applicant_operates(submitted, orgs, cast):
    park = ParkFactory(organisation=orgs["studios_operator"], name_zh_hans="无锡国家数字电影产业园")
    application = _to_field_assessment(submitted, cast["wuxi_staff"])
    assessment = FieldAssessment.objects.get(application=application)
    assert assessment.park == park
    application.refresh_from_db()
    assert application.subject == park


def test_an_operator_of_two_parks_is_asked_to_name_one(submitted, orgs, cast):
    ParkFactory(organisation=orgs["studios_operator"])
    ParkFactory(organisation=orgs["studios_operator"])
    with pytest.raises(ValidationError, match="names the park it is for"):
        _to_field_assessment(submitted, cast["wuxi_staff"])
    assert not FieldAssessment.objects.exists()


@pytest.fixture
def designation_call(orgs):
    programme = ProgrammeFactory(designation=True, agency=orgs["wuxi_centre"])
    return CallFactory(
        programme=programme, budget_amount=None, stages=default_stages(), form=default_form()
    )


def test_the_apply_form_asks_an_operator_of_two_parks_which_one(
    client, designation_call, orgs, cast
):
    from django.urls import reverse

    from wenchuang.workflows.models import Application

    first = ParkFactory(organisation=orgs["studios_operator"], name_zh_hans="蠡湖影视园")
    second = ParkFactory(organisation=orgs["studios_operator"], name_zh_hans="太湖数字园")
    elsewhere = ParkFactory(name_zh_hans="别处的园区")
    client.force_login(cast["park_manager"])
    page = client.get(reverse("workflows:call-detail", args=[designation_call.pk])).content.decode()
    assert f'<option value="{first.pk}">{first}</option>' in page
    assert f'<option value="{second.pk}">{second}</option>' in page
    assert f'<option value="{elsewhere.pk}">' not in page
    apply = reverse("workflows:call-apply", args=[designation_call.pk])
    data = {"organisation": orgs["studios_operator"].pk, "subject": second.pk}
    client.post(apply, data)
    application = Application.objects.get(call=designation_call)
    assert application.subject == second and application.subject != first
    # A park the applicant does not operate is refused, and no application is begun for it.
    answer = client.post(apply, {**data, "subject": elsewhere.pk}, follow=True)
    assert Application.objects.filter(call=designation_call).count() == 1
    assert "Choose a park of the organisation you apply for." in answer.content.decode()
