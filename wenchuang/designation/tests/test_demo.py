"""The demo's designations: the register at every status, made through the services."""

from wenchuang.core.audit import history_for
from wenchuang.designation.demo import create_demo, wipe_demo
from wenchuang.designation.models import Designation, FieldAssessment


def test_the_demo_register_holds_every_status_with_its_assessments(demo_db):
    created = create_demo()
    assert created["designations"] == 6
    statuses = set(Designation.objects.values_list("status", flat=True))
    assert statuses == set(Designation.Status.values)
    warned = Designation.objects.get(status="warned")
    yearly = FieldAssessment.objects.get(designation=warned)
    assert (yearly.year, yearly.outcome) == (2025, "warn")
    assert [e.action for e in history_for(warned)][:1] == ["warn"]
    # An assessor has work waiting, and staff a submitted assessment to decide on.
    assert FieldAssessment.objects.filter(status="draft", purpose="designation").exists()
    assert FieldAssessment.objects.filter(
        status="submitted", purpose="designation", designation=None
    ).exclude(pk__in=Designation.objects.values("assessment")).exists()


def test_the_demo_designations_go_before_the_directory_is_wiped(demo_db):
    create_demo()
    wipe_demo()
    assert not Designation.objects.exists() and not FieldAssessment.objects.exists()
