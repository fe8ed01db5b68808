"""Stage tables as data: checked when saved, run by core.transitions, kept per application."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from wenchuang.core.audit import history_for
from wenchuang.core.transitions import Conflict, transition
from wenchuang.workflows.defaults import standard_stages
from wenchuang.workflows.stages import StageTable, check_table

from .factories import ApplicationFactory


def test_the_standard_tables_are_accepted():
    assert check_table(standard_stages()) == []
    assert check_table(standard_stages(field_assessment=True)) == []


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda t: t["moves"][0].update({"to": "sent"}), "moves[0].to", "not one of the stages"),
        (lambda t: t["moves"][0].update({"by": ["janitor"]}), "moves[0].by", "janitor is not one"),
        (lambda t: t["moves"][0].update({"action": "smile"}), "moves[0].action", "audit verb"),
        (lambda t: t["stages"][1].update({"labels": {}}), "stages[submitted].labels", "label"),
        (lambda t: t["stages"][1].update({"key": "Sub mitted"}), "stages[1].key", "letter"),
        (lambda t: t["stages"].append(dict(t["stages"][0])), "stages[draft]", "appears twice"),
        (lambda t: t["stages"][0]["labels"].update({"es": "x"}), "stages[draft].labels.es", "es"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_place(change, path, words):
    table = copy.deepcopy(standard_stages())
    change(table)
    errors = check_table(table)
    assert any(p == path and words in m for p, m in errors), errors


def test_a_table_that_is_not_a_table_is_refused():
    assert check_table([]) and check_table({"stages": []}) and check_table({"stages": [1]})


def test_labels_come_in_the_readers_language():
    table = StageTable(standard_stages())
    with translation.override("zh-hans"):
        assert table.label("more_info") == "待补充材料"
    with translation.override("de"):
        assert table.label("screening") == "Zulässigkeitsprüfung"
    with translation.override("fr"):
        assert table.workflow.label("approved") == "acceptée"
    assert table.initial == "draft"
    assert table.is_final("approved") and not table.is_final("decision")


@pytest.mark.django_db
def test_staff_of_the_region_move_an_application_and_the_trail_names_the_move(cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    workflow = StageTable(application.stage_table).workflow
    transition(application, workflow, "screening", by=cast["wuxi_staff"])
    application.refresh_from_db()
    assert application.stage == "screening"
    event = history_for(application).first()
    assert event.action == "screen"
    assert event.changes == {"stage": ["submitted", "screening"]}


@pytest.mark.django_db
def test_only_the_role_a_move_names_may_make_it(cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    workflow = StageTable(application.stage_table).workflow
    # Staff of another province, and the applicant, may not start the screening.
    for outsider in (cast["shandong_staff"], cast["rep"]):
        with pytest.raises(PermissionDenied):
            transition(application, workflow, "screening", by=outsider)
    # The applicant may withdraw; staff may not withdraw for them.
    with pytest.raises(PermissionDenied):
        transition(application, workflow, "withdrawn", by=cast["wuxi_staff"])
    transition(application, workflow, "withdrawn", by=cast["rep"])
    assert application.stage == "withdrawn"


@pytest.mark.django_db
def test_a_move_the_table_lacks_is_refused_with_the_stage_names(cast):
    application = ApplicationFactory(submitted=True)
    workflow = StageTable(application.stage_table).workflow
    with pytest.raises(ValidationError) as refused:
        transition(application, workflow, "approved", by=cast["wuxi_staff"])
    assert "It cannot go from submitted to approved." in refused.value.messages


@pytest.mark.django_db
def test_a_move_from_a_stale_stage_is_a_conflict(cast):
    application = ApplicationFactory(submitted=True)
    stale = type(application).objects.get(pk=application.pk)
    workflow = StageTable(application.stage_table).workflow
    transition(application, workflow, "screening", by=cast["wuxi_staff"])
    with pytest.raises(Conflict):
        transition(stale, workflow, "screening", by=cast["wuxi_staff"])


@pytest.mark.django_db
def test_an_application_keeps_the_stage_table_it_began_with(cast):
    application = ApplicationFactory(submitted=True)
    call = application.call
    # Staff add a field assessment to the call afterwards.
    call.stages = standard_stages(field_assessment=True)
    call.save()
    application.refresh_from_db()
    workflow = StageTable(application.stage_table).workflow
    assert "field_assessment" not in workflow.state_keys()
    assert "field_assessment" in StageTable(call.stages).keys


def test_the_directory_static_workflows_still_label_their_states():
    from wenchuang.directory.workflows import PUBLICATION

    with translation.override("en"):
        assert PUBLICATION.label("pending")
        assert PUBLICATION.next_states("pending") == ["published", "rejected"]
