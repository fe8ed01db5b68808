"""The demo's events: a past Dalian conference, an upcoming Wuxi cloud conference, an exhibition."""

import pytest
from django.db.models import Count

from wenchuang.directory.models import Enterprise
from wenchuang.events.models import Event, FieldVisit, Meeting, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_three_seed_events(demo_db):
    held = Event.objects.get(status="held", format="on_site")
    assert FieldVisit.objects.get(event=held).sign_ups.count() == 70
    assert held.sessions.filter(signing=True).exists()
    cloud = Event.objects.get(format="online", meetings=True)
    investors = Registration.objects.filter(event=cloud, role="investor", status="approved")
    foreign = investors.exclude(country="CN")
    assert foreign.count() >= 30
    assert foreign.values("country").distinct().count() >= 20
    # ~100 local firms: as many as the directory has, up to 100 (the tests' has 40).
    firms = min(100, Enterprise.objects.filter(status="published").count())
    assert Registration.objects.filter(event=cloud, role="project_owner").count() >= firms
    assert Meeting.objects.filter(event=cloud).count() > 50
    # Nobody is double-booked in the demo's schedule.
    per_person_slot = (
        Meeting.objects.filter(event=cloud)
        .values("request__requester", "slot")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not per_person_slot.exists()
    exhibition = Event.objects.get(kind="sales_exhibition")
    assert exhibition.booths.exclude(exhibitor=None).count() >= 5
