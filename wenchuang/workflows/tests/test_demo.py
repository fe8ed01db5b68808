"""The demo data holds a fund call and a designation round with applications at every stage."""

import pytest

from wenchuang.core.demo import demo_steps
from wenchuang.workflows.demo import DESIGNATION_CODE, ENGINE_STAGES, FUND_CODE, wipe
from wenchuang.workflows.formdef import check_answers
from wenchuang.workflows.models import Application, Call


def test_the_engine_contributes_to_the_demo_command():
    assert "workflows" in [step.name for step in demo_steps()]


@pytest.mark.django_db
def test_both_calls_have_applications_at_every_stage_of_their_table(demo_db):
    fund = Call.objects.get(programme__code=FUND_CODE)
    designation = Call.objects.get(programme__code=DESIGNATION_CODE)
    assert fund.is_open() and designation.is_open()
    for call in (fund, designation):
        keys = [s["key"] for s in call.stages["stages"]]
        stages = set(Application.objects.filter(call=call).values_list("stage", flat=True))
        # An approved designation application moves on to "designated" (the designation app).
        stages = {"approved" if s == "designated" else s for s in stages}
        assert stages == {s for s in ENGINE_STAGES if s in keys}
    assert "field_assessment" in set(designation.applications.values_list("stage", flat=True))


@pytest.mark.django_db
def test_demo_answers_fit_the_calls_form_and_the_representative_has_a_draft(demo_db):
    for application in Application.objects.select_related("call"):
        errors = check_answers(application.call.form, application.answers)
        assert [e for e in errors if e[0] != "plan"] == []
    mine = Application.objects.get(created_by__username="rep_lingdong")
    assert mine.stage == "draft"
    park_round = Application.objects.filter(call__programme__code=DESIGNATION_CODE)
    assert all(a.subject is not None for a in park_round)


@pytest.mark.django_db
def test_wiping_removes_the_engines_demo_records(demo_db):
    wipe()
    assert not Call.objects.filter(programme__code__in=[FUND_CODE, DESIGNATION_CODE]).exists()
