"""Applicants begin, edit, submit and withdraw; late, stale and doubled requests are handled."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenchuang.core.audit import history_for
from wenchuang.core.transitions import Conflict, version_of
from wenchuang.workflows import services
from wenchuang.workflows.models import Application

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def test_a_representative_begins_a_draft_with_the_calls_stage_table(cast):
    call = CallFactory()
    rep = cast["rep"]
    draft = services.create_draft(call=call, applicant=rep.organisation, by=rep, title="太湖动画")
    assert draft.stage == "draft"
    assert draft.stage_table == call.stages
    assert draft.province_code == "320000" and draft.prefecture_code == "320200"
    assert history_for(draft).first().action == "create"


def test_nobody_applies_for_an_organisation_they_do_not_represent(cast):
    call = CallFactory()
    with pytest.raises(PermissionDenied):
        services.create_draft(call=call, applicant=cast["rep"].organisation, by=cast["rival_rep"])


def test_a_second_draft_for_the_same_call_is_refused(cast):
    call = CallFactory()
    rep = cast["rep"]
    services.create_draft(call=call, applicant=rep.organisation, by=rep)
    with pytest.raises(ValidationError) as refused:
        services.create_draft(call=call, applicant=rep.organisation, by=rep)
    assert "already has an application" in str(refused.value)
    assert Application.objects.filter(call=call).count() == 1


def test_a_closed_call_takes_no_new_drafts(cast):
    call = CallFactory(closed=True)
    with pytest.raises(ValidationError) as refused:
        services.create_draft(call=call, applicant=cast["rep"].organisation, by=cast["rep"])
    assert "Beijing time" in str(refused.value)


def test_eligibility_rules_refuse_an_organisation_outside_the_region(cast):
    call = CallFactory(eligibility={"regions": ["110000"]})
    with pytest.raises(ValidationError) as refused:
        services.create_draft(call=call, applicant=cast["rep"].organisation, by=cast["rep"])
    assert "registered in" in str(refused.value)


def test_eligibility_by_class_and_domain(cast):
    call = CallFactory(eligibility={"classes": ["02"], "domain": "core"})
    rep = cast["rep"]
    with pytest.raises(ValidationError):
        services.create_draft(call=call, applicant=rep.organisation, by=rep, classification="0711")
    draft = services.create_draft(
        call=call, applicant=rep.organisation, by=rep, classification="0221"
    )
    assert draft.classification_id == "0221"


def test_the_applicant_submits_a_complete_draft_once_even_when_clicking_twice(cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation)
    services.submit(application=draft, by=cast["rep"], version=version_of(draft))
    again = services.submit(application=draft, by=cast["rep"], version=version_of(draft))
    assert again.stage == "submitted"
    assert [e.action for e in history_for(draft)] == ["submit"]


def test_an_incomplete_draft_cannot_be_submitted(cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation, empty=True)
    with pytest.raises(ValidationError) as refused:
        services.submit(application=draft, by=cast["rep"])
    assert refused.value.message_dict["summary"] == ["This field is required."]


def test_a_late_submit_is_refused_showing_the_deadline_in_beijing_time(cast):
    closes = timezone.now() - datetime.timedelta(hours=1)
    call = CallFactory(closes_at=closes)
    draft = ApplicationFactory(call=call, applicant=cast["rep"].organisation)
    with pytest.raises(ValidationError) as refused:
        services.submit(application=draft, by=cast["rep"])
    shown = timezone.localtime(closes).strftime("%-I:%M")
    assert "(Beijing time)" in refused.value.messages[0]
    assert shown in refused.value.messages[0]


def test_an_extension_lets_one_applicant_submit_late(cast):
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(hours=1))
    draft = ApplicationFactory(call=call, applicant=cast["rep"].organisation)
    other = ApplicationFactory(call=call, applicant=cast["rival_rep"].organisation)
    services.grant_extension(
        application=draft, by=cast["wuxi_staff"], until=timezone.now() + datetime.timedelta(days=2)
    )
    assert services.submit(application=draft, by=cast["rep"]).stage == "submitted"
    with pytest.raises(ValidationError):
        services.submit(application=other, by=cast["rival_rep"])


def test_only_staff_of_the_region_grant_extensions(cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation)
    until = timezone.now() + datetime.timedelta(days=40)
    for outsider in (cast["rep"], cast["shandong_staff"]):
        with pytest.raises(PermissionDenied):
            services.grant_extension(application=draft, by=outsider, until=until)


def test_an_edit_from_a_stale_form_is_refused_naming_who_changed_it(cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation)
    old = version_of(draft)
    services.edit_draft(application=draft, by=cast["rep"], version=old, title="新名称")
    with pytest.raises(Conflict) as refused:
        services.edit_draft(application=draft, by=cast["rep"], version=old, title="另一个")
    assert "changed meanwhile by rep" in refused.value.messages[0]


def test_a_submitted_application_can_no_longer_be_edited(cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    with pytest.raises(PermissionDenied):
        services.edit_draft(
            application=application, by=cast["rep"], version=version_of(application), title="x"
        )


def test_more_information_goes_back_and_forth(cast):
    application = ApplicationFactory(screening=True, applicant=cast["rep"].organisation)
    services.request_more_info(
        application=application, by=cast["wuxi_staff"], question="请补充审计报告。"
    )
    application.refresh_from_db()
    assert application.stage == "more_info" and application.info_request == "请补充审计报告。"
    services.edit_draft(
        application=application,
        by=cast["rep"],
        version=version_of(application),
        answers={**application.answers, "summary": "补充后的简介"},
    )
    services.answer_more_info(application=application, by=cast["rep"])
    application.refresh_from_db()
    assert application.stage == "screening"


def test_a_staff_move_from_a_stale_view_is_refused(cast):
    application = ApplicationFactory(submitted=True)
    seen = version_of(application)
    services.move_stage(application=application, target="screening", by=cast["wuxi_staff"])
    with pytest.raises(Conflict):
        services.move_stage(
            application=application, target="rejected", by=cast["wuxi_staff"], version=seen
        )


def test_the_kinds_hook_runs_when_an_application_enters_a_stage(cast):
    from wenchuang.workflows.defaults import standard_form, standard_stages
    from wenchuang.workflows.plugins import _KINDS, ProgrammeKind, register_kind

    entered = []
    saved = dict(_KINDS)
    register_kind(
        ProgrammeKind(
            key="fund",
            label="fund",
            default_stages=standard_stages(),
            default_form=standard_form(),
            on_enter={"approved": lambda application, by: entered.append((application.pk, by))},
        )
    )
    try:
        application = ApplicationFactory(decision=True)
        services.move_stage(application=application, target="approved", by=cast["wuxi_staff"])
    finally:
        _KINDS.clear()
        _KINDS.update(saved)
    assert entered == [(application.pk, cast["wuxi_staff"])]


def test_the_applicant_gets_a_receipt_and_hears_of_staff_moves_in_their_language(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    rep = cast["rep"]
    rep.language = "fr"
    rep.save()
    draft = ApplicationFactory(applicant=rep.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(application=draft, by=rep)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_stage(application=draft, target="screening", by=cast["wuxi_staff"])
    with django_capture_on_commit_callbacks(execute=True):
        services.request_more_info(
            application=draft, by=cast["wuxi_staff"], question="请补充审计报告。"
        )
    subjects = [m.subject for m in mailoutbox]
    assert len(subjects) == 3
    assert "examen de recevabilité" in subjects[1]
    assert "compléments demandés" in subjects[2]
    assert "请补充审计报告。" in mailoutbox[2].body


def test_a_kind_that_takes_park_operators_refuses_an_enterprise(cast):
    from wenchuang.workflows.defaults import standard_form, standard_stages
    from wenchuang.workflows.plugins import _KINDS, ProgrammeKind, register_kind

    saved = dict(_KINDS)
    register_kind(
        ProgrammeKind(
            "designation",
            "designation",
            standard_stages(field_assessment=True),
            standard_form(),
            applicant_kinds=("park_operator",),
        )
    )
    try:
        call = CallFactory(designation=True)
        with pytest.raises(ValidationError) as refused:
            services.create_draft(call=call, applicant=cast["rep"].organisation, by=cast["rep"])
        assert "Only these may apply: park operator" in str(refused.value)
        manager = cast["park_manager"]
        draft = services.create_draft(call=call, applicant=manager.organisation, by=manager)
        assert draft.stage == "draft"
    finally:
        _KINDS.clear()
        _KINDS.update(saved)


def test_a_kind_that_tells_the_applicant_itself_silences_the_engine(cast, mailoutbox):
    from django.test import TestCase

    from wenchuang.workflows.defaults import standard_form, standard_stages
    from wenchuang.workflows.plugins import _KINDS, ProgrammeKind, register_kind

    saved = dict(_KINDS)
    register_kind(
        ProgrammeKind(
            "quiet",
            "quiet",
            standard_stages(),
            standard_form(),
            tells_applicant=frozenset({"approved"}),
        )
    )
    try:
        call = CallFactory(programme__kind="quiet")
        application = ApplicationFactory(
            call=call, decision=True, applicant=cast["rep"].organisation
        )
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.move_stage(application=application, target="approved", by=cast["wuxi_staff"])
        assert mailoutbox == []
    finally:
        _KINDS.clear()
        _KINDS.update(saved)
