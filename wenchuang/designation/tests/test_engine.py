"""The designation kind on the engine: one park operator's application walked to designation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.audit import history_for
from wenchuang.designation import services
from wenchuang.designation.models import Designation, FieldAssessment
from wenchuang.designation.plugin import default_form, default_stages
from wenchuang.designation.standard import GOOD_VALUES, POOR_VALUES
from wenchuang.directory.tests.factories import ParkFactory
from wenchuang.workflows import services as engine
from wenchuang.workflows.plugins import kind_of
from wenchuang.workflows.stages import check_table
from wenchuang.workflows.tests.factories import CallFactory, ProgrammeFactory

from .factories import IndicatorSetFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "park_name": "无锡国家数字电影产业园",
    "area": "35.5",
    "operator": "无锡影视基地运营管理有限公司",
    "tenant_enterprises": "126",
    "revenue": {"amount": "850000000.00", "currency": "CNY"},
    "indicators_summary": "入驻文化企业126家，从业人员2400人，入驻率92%，年均公共服务40次。",
}


def test_the_kind_is_registered_with_a_sound_table_and_form():
    from wenchuang.workflows.formdef import check_definition

    kind = kind_of("designation")
    assert kind is not None and set(kind.on_enter) == {"field_assessment", "approved"}
    assert check_table(default_stages()) == []
    assert check_definition(default_form()) == []
    keys = [s["key"] for s in default_stages()["stages"]]
    assert keys.index("field_assessment") < keys.index("expert_review")
    assert keys[-1] == "designated"


@pytest.fixture
def round_(orgs):
    IndicatorSetFactory()
    orgs["assessors"]  # the one entrusted institution
    programme = ProgrammeFactory(designation=True, agency=orgs["wuxi_centre"])
    return CallFactory(
        programme=programme,
        budget_amount=None,
        stages=default_stages(),
        form=default_form(),
        eligibility={"applicant_kinds": ["park_operator"]},
    )


@pytest.fixture
def application(round_, cast, orgs):
    park = ParkFactory(organisation=orgs["studios_operator"], name_zh_hans="无锡国家数字电影产业园")
    manager = cast["park_manager"]
    draft = engine.create_draft(
        call=round_,
        applicant=orgs["studios_operator"],
        by=manager,
        subject=park,
        classification="0522",
    )
    draft = engine.edit_draft(application=draft, by=manager, version=None, answers=ANSWERS)
    return engine.submit(application=draft, by=manager)


def _to_field_assessment(application, staff):
    application = engine.move_stage(application=application, target="screening", by=staff)
    return engine.move_stage(application=application, target="field_assessment", by=staff)


def test_one_application_walks_from_submission_to_designation(application, cast, orgs):
    staff, assessor = cast["wuxi_staff"], cast["assessor"]
    application = _to_field_assessment(application, staff)
    # Entering the field assessment entrusted it to the institution, on the set of the stage.
    assessment = FieldAssessment.objects.get(application=application)
    assert assessment.assessor == orgs["assessors"] and assessment.status == "draft"
    assert assessment.indicator_set.code == "cluster-area-2026"
    # The assessors submit; the application moves on to expert review by itself.
    services.assessment_submit(assessment=assessment, by=assessor, values=GOOD_VALUES)
    application.refresh_from_db()
    assert application.stage == "expert_review"
    application = engine.move_stage(application=application, target="decision", by=staff)
    application = engine.move_stage(application=application, target="approved", by=staff)
    # Approval designated the park; the application shows it.
    designation = Designation.objects.get(park_id=application.subject_id)
    assert designation.status == "designated" and designation.assessment == assessment
    assert designation.certificate_number.startswith("WC-32-")
    assert application.stage == "designated"
    application.refresh_from_db()
    assert application.stage == "designated"
    steps = [e.action for e in history_for(application)][::-1]
    assert steps[-3:] == ["decide", "approve", "designate"]


def test_the_assessor_is_the_one_who_moves_the_field_assessment_on(application, cast):
    from wenchuang.designation.plugin import may_assess

    application = _to_field_assessment(application, cast["wuxi_staff"])
    assert may_assess(cast["assessor"], application).reason == "Submit the field assessment first."
    with pytest.raises(PermissionDenied):
        engine.move_stage(application=application, target="expert_review", by=cast["assessor"])
    with pytest.raises(PermissionDenied):
        engine.move_stage(
            application=application, target="expert_review", by=cast["other_assessor"]
        )


def test_approval_is_refused_while_the_park_fails_its_assessment(application, cast):
    staff = cast["wuxi_staff"]
    application = _to_field_assessment(application, staff)
    assessment = FieldAssessment.objects.get(application=application)
    services.assessment_submit(assessment=assessment, by=cast["assessor"], values=POOR_VALUES)
    application.refresh_from_db()
    application = engine.move_stage(application=application, target="decision", by=staff)
    with pytest.raises(ValidationError, match="below the pass mark of 70"):
        engine.move_stage(application=application, target="approved", by=staff)
    application.refresh_from_db()
    assert application.stage == "decision"
    assert not Designation.objects.exists()
    # Staff may still reject it.
    engine.move_stage(application=application, target="rejected", by=staff)


def test_without_an_institution_the_field_assessment_cannot_begin(round_, cast, orgs):
    from wenchuang.accounts.models import Organisation

    Organisation.objects.filter(kind="institution").update(kind="service_provider")
    park = ParkFactory(organisation=orgs["studios_operator"])
    draft = engine.create_draft(
        call=round_, applicant=orgs["studios_operator"], by=cast["park_manager"], subject=park
    )
    draft = engine.edit_draft(
        application=draft, by=cast["park_manager"], version=None, answers=ANSWERS
    )
    application = engine.submit(application=draft, by=cast["park_manager"])
    application = engine.move_stage(
        application=application, target="screening", by=cast["wuxi_staff"]
    )
    with pytest.raises(ValidationError, match="No entrusted institution"):
        engine.move_stage(application=application, target="field_assessment", by=cast["wuxi_staff"])
    application.refresh_from_db()
    assert application.stage == "screening"


def test_the_call_can_name_its_institution(application, cast, orgs):
    from wenchuang.workflows.models import Application

    table = application.stage_table
    for entry in table["stages"]:
        if entry["key"] == "field_assessment":
            entry["assessor"] = orgs["other_assessors"].pk
    Application.objects.filter(pk=application.pk).update(stage_table=table)
    application.refresh_from_db()
    application = _to_field_assessment(application, cast["wuxi_staff"])
    assert FieldAssessment.objects.get(application=application).assessor == orgs["other_assessors"]


def test_the_designation_score_is_the_assessments(application, cast):
    application = _to_field_assessment(application, cast["wuxi_staff"])
    assessment = FieldAssessment.objects.get(application=application)
    services.assessment_submit(assessment=assessment, by=cast["assessor"], values=GOOD_VALUES)
    assessment.refresh_from_db()
    assert assessment.score == Decimal("83.75")
