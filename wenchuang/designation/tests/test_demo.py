"""The demo's designations: the register at every status, made through the services."""

from wenchuang.core.audit import history_for
from wenchuang.designation.demo import wipe_demo
from wenchuang.designation.models import Designation, FieldAssessment


def test_the_demo_register_holds_every_status_with_its_assessments(demo_db):
    # The demo-data command's step made them (core.demo), after the engine's applications.
    statuses = set(Designation.objects.values_list("status", flat=True))
    assert statuses == set(Designation.Status.values)
    warned = Designation.objects.get(status="warned")
    yearly = FieldAssessment.objects.get(designation=warned)
    assert (yearly.year, yearly.outcome) == (2025, "warn")
    assert [e.action for e in history_for(warned)][:1] == ["warn"]
    # An assessor has work waiting, and staff a submitted assessment to decide on.
    assert FieldAssessment.objects.filter(status="draft", purpose="designation").exists()
    assert (
        FieldAssessment.objects.filter(status="submitted", purpose="designation", designation=None)
        .exclude(pk__in=Designation.objects.values("assessment"))
        .exists()
    )


def test_the_demo_designations_go_before_the_directory_is_wiped(demo_db):
    wipe_demo()
    assert not Designation.objects.exists() and not FieldAssessment.objects.exists()


def test_the_engines_designation_round_has_its_assessments_and_designations(demo_db):
    from wenchuang.workflows.models import Application

    round_ = Application.objects.filter(call__programme__kind="designation")
    in_assessment = round_.filter(stage="field_assessment")
    assert in_assessment.exists()
    for application in in_assessment:
        assessment = FieldAssessment.objects.get(application=application)
        assert assessment.status == "draft" and assessment.park_id == int(application.subject_id)
    designated = round_.filter(stage="designated")
    assert designated.exists() and not round_.filter(stage="approved").exists()
    for application in designated:
        assert Designation.objects.filter(
            park_id=application.subject_id, assessment__application=application
        ).exists()
