"""Field rules of events, registrations and meetings, kept by the database and model checks."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wenchuang.core.money import Money
from wenchuang.events.models import MeetingRequest, SchedulingRun, validate_time_zone
from wenchuang.events.signings import Signing, signed_value

from .factories import (
    EventFactory,
    MeetingFactory,
    MeetingRequestFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def test_unknown_time_zone_is_refused_with_its_name():
    validate_time_zone("Europe/Paris")
    with pytest.raises(ValidationError, match="Mars/Olympus"):
        validate_time_zone("Mars/Olympus")


def test_a_meeting_request_to_oneself_is_refused_by_the_database():
    me = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(event=me.event, requester=me, recipient=me)


def test_one_open_request_per_pair_but_a_declined_one_may_be_asked_again():
    first = MeetingRequestFactory(status=MeetingRequest.Status.DECLINED)
    MeetingRequestFactory(event=first.event, requester=first.requester, recipient=first.recipient)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequestFactory(
            event=first.event, requester=first.requester, recipient=first.recipient
        )


def test_a_table_holds_one_meeting_per_slot():
    meeting = MeetingFactory()
    other = MeetingRequestFactory(event=meeting.event, accepted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(request=other, event=meeting.event, slot=meeting.slot, table=meeting.table)


def test_only_one_active_scheduler_run_per_event():
    event = EventFactory()
    SchedulingRun.objects.create(event=event)
    with pytest.raises(IntegrityError), transaction.atomic():
        SchedulingRun.objects.create(event=event, status=SchedulingRun.Status.RUNNING)
    SchedulingRun.objects.create(event=event, status=SchedulingRun.Status.DONE)


def test_signed_value_adds_up_per_currency():
    rows = [
        Signing("A", ["x", "y"], Money(100, "CNY")),
        Signing("B", ["x", "z"], Money(50, "CNY")),
        Signing("C", ["x"], Money(10, "EUR")),
        Signing("D", ["x"], None),
    ]
    assert signed_value(rows) == [Money(150, "CNY"), Money(10, "EUR")]
