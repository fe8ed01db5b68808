"""Registration, approval, requests, availability, slots and the scheduler run, through services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.events import selectors
from wenchuang.events.models import Meeting, MeetingRequest, Registration, SchedulingRun
from wenchuang.events.services import meetings, organising, participation, scheduling

from .factories import (
    OPENS,
    AvailabilityFactory,
    EventFactory,
    FieldVisitFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(orgs):
    return EventFactory(organiser=orgs["wuxi_centre"])


def test_a_registration_waits_for_the_organiser_and_then_lets_the_participant_meet(event, cast):
    registration = participation.register(
        event=event,
        by=cast["investor"],
        role="investor",
        country="de",
        languages=["de", "en"],
        time_zone="Europe/Berlin",
    )
    assert registration.status == Registration.Status.PENDING
    assert registration.country == "DE"
    with pytest.raises(PermissionDenied):
        participation.registration_decide(registration=registration, by=cast["rep"], approve=True)
    participation.registration_decide(
        registration=registration, by=cast["wuxi_staff"], approve=True
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.APPROVED


def test_registering_twice_is_refused_with_a_message(event, cast):
    participation.register(event=event, by=cast["rep"], role="project_owner", country="CN")
    with pytest.raises(ValidationError, match="registered for this event already"):
        participation.register(event=event, by=cast["rep"], role="project_owner", country="CN")


def test_unknown_country_language_and_time_zone_are_refused(event, cast):
    with pytest.raises(ValidationError, match="XX"):
        participation.register(event=event, by=cast["rep"], role="visitor", country="XX")
    with pytest.raises(ValidationError, match="klingon"):
        participation.register(
            event=event, by=cast["rep"], role="visitor", country="CN", languages=["klingon"]
        )
    with pytest.raises(ValidationError, match="Mars/Base"):
        participation.register(
            event=event, by=cast["rep"], role="visitor", country="CN", time_zone="Mars/Base"
        )
    assert not Registration.objects.exists()


def test_a_meeting_request_to_oneself_is_refused_with_a_message(event):
    me = RegistrationFactory(event=event)
    with pytest.raises(ValidationError, match="cannot ask yourself"):
        meetings.request_meeting(me=me, by=me.user, other_id=me.pk)


def test_only_the_participant_asked_accepts(event):
    investor = RegistrationFactory(event=event, foreign_investor=True)
    owner = RegistrationFactory(event=event)
    request = meetings.request_meeting(me=investor, by=investor.user, other_id=owner.pk)
    with pytest.raises(PermissionDenied):
        meetings.request_answer(request=request, by=investor.user, accept=True)
    meetings.request_answer(request=request, by=owner.user, accept=True)
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.ACCEPTED


def test_a_must_meet_preference_marks_the_request(event):
    investor = RegistrationFactory(event=event, foreign_investor=True)
    owner = RegistrationFactory(event=event)
    request = meetings.request_meeting(me=investor, by=investor.user, other_id=owner.pk)
    meetings.preference_set(me=owner, by=owner.user, other_id=investor.pk, level="must")
    request.refresh_from_db()
    assert request.must_meet


def test_overlapping_slots_are_refused_naming_the_slot_in_the_event_zone(event, cast):
    organising.slot_add(
        event=event,
        by=cast["wuxi_staff"],
        starts_at=OPENS,
        ends_at=OPENS + dt.timedelta(minutes=30),
        online=True,
    )
    with pytest.raises(ValidationError, match="overlaps the slot 2027-04-20 09:00"):
        organising.slot_add(
            event=event,
            by=cast["wuxi_staff"],
            starts_at=OPENS + dt.timedelta(minutes=15),
            ends_at=OPENS + dt.timedelta(minutes=45),
            online=True,
        )


def test_an_unknown_region_code_is_refused(cast, orgs):
    with pytest.raises(ValidationError, match="999999"):
        organising.event_create(
            by=cast["wuxi_staff"],
            organiser=orgs["wuxi_centre"],
            region_code="999999",
            data={
                "title_en": "x",
                "kind": "conference",
                "format": "online",
                "starts_at": OPENS,
                "ends_at": OPENS + dt.timedelta(hours=1),
            },
        )


def test_a_full_field_visit_refuses_the_next_sign_up(cast, orgs):
    visit = FieldVisitFactory(capacity=1, event__organiser=orgs["dalian_bureau"])
    first = RegistrationFactory(event=visit.event)
    second = RegistrationFactory(event=visit.event)
    participation.field_visit_sign_up(visit=visit, by=first.user)
    with pytest.raises(ValidationError, match="full"):
        participation.field_visit_sign_up(visit=visit, by=second.user)


def _accepted_pair(event, slot):
    investor = RegistrationFactory(event=event, foreign_investor=True)
    owner = RegistrationFactory(event=event)
    for who in (investor, owner):
        AvailabilityFactory(registration=who, slot=slot)
    request = meetings.request_meeting(me=investor, by=investor.user, other_id=owner.pk)
    meetings.request_answer(request=request, by=owner.user, accept=True)
    return investor, owner


def test_the_scheduler_run_places_accepted_requests_and_both_see_the_meeting(event, cast):
    slot = MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    investor, owner = _accepted_pair(event, slot)
    run = scheduling.scheduling_start(event=event, by=cast["wuxi_staff"])
    run = scheduling.scheduling_run(run.pk, time_limit=1)
    assert run.status == SchedulingRun.Status.DONE
    assert run.placed == 1
    for who, other in ((investor, owner), (owner, investor)):
        items = selectors.agenda(who)
        assert [i.with_whom for i in items if i.kind == "meeting"] == [other.display_name]


def test_a_confirmed_meeting_stays_when_the_scheduler_runs_again(event, cast):
    slots = [MeetingSlotFactory(event=event), MeetingSlotFactory(event=event)]
    MeetingTableFactory(event=event)
    investor, owner = _accepted_pair(event, slots[1])
    AvailabilityFactory(registration=investor, slot=slots[0])
    AvailabilityFactory(registration=owner, slot=slots[0])
    run = scheduling.scheduling_run(
        scheduling.scheduling_start(event=event, by=cast["wuxi_staff"]).pk, time_limit=1
    )
    meeting = Meeting.objects.get()
    meetings.meeting_confirm(meeting=meeting, by=cast["wuxi_staff"])
    scheduling.scheduling_run(
        scheduling.scheduling_start(event=event, by=cast["wuxi_staff"]).pk, time_limit=1
    )
    again = Meeting.objects.get()
    assert (again.pk, again.slot_id, again.status) == (meeting.pk, meeting.slot_id, "confirmed")
    assert run.placed == 1


def test_a_second_run_while_one_is_queued_is_refused(event, cast):
    SchedulingRun.objects.create(event=event, status=SchedulingRun.Status.RUNNING)
    with pytest.raises(ValidationError, match="already running"):
        scheduling.scheduling_start(event=event, by=cast["wuxi_staff"])


def test_the_agenda_of_a_withdrawn_participant_says_so(event):
    me = RegistrationFactory(event=event)
    participation.registration_withdraw(registration=me, by=me.user)
    with pytest.raises(ValidationError, match="withdrew"):
        selectors.agenda(me)


def test_withdrawing_cancels_open_requests(event):
    investor = RegistrationFactory(event=event, foreign_investor=True)
    owner = RegistrationFactory(event=event)
    meetings.request_meeting(me=investor, by=investor.user, other_id=owner.pk)
    participation.registration_withdraw(registration=investor, by=investor.user)
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.CANCELLED
