"""The events pages as participants and organisers use them: who may do what, bad input,
times in two zones, the agenda as a page, a PDF and an ICS file, the event report."""

import datetime as dt
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from wenchuang.core.money import Money
from wenchuang.events.models import Event, MeetingRequest, MeetingSlot, Registration
from wenchuang.events.services import scheduling
from wenchuang.events.signings import Signing, register_signing_source, unregister_signing_source

from .factories import (
    OPENS,
    AvailabilityFactory,
    EventFactory,
    MeetingRequestFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(orgs):
    return EventFactory(organiser=orgs["wuxi_centre"])


def _login(client, user):
    client.force_login(user)
    return client


def test_event_page_shows_times_in_the_event_zone_and_the_readers(client, event):
    investor = RegistrationFactory(event=event, foreign_investor=True)  # Europe/Berlin
    page = _login(client, investor.user).get(reverse("events:detail", args=[event.pk]))
    text = page.content.decode()
    assert "9:00" in text and "Asia/Shanghai" in text  # 01:00 UTC in Shanghai
    assert "3:00" in text and "Europe/Berlin" in text  # and in the reader's zone (CEST)


@pytest.mark.parametrize(
    ("who", "status"),
    [("public", 403), ("rep", 403), ("wuxi_staff", 200), ("dalian_staff", 403)],
)
def test_only_organisers_see_the_registrations_and_the_scheduling(client, cast, event, who, status):
    _login(client, cast[who])
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == status
    assert client.get(reverse("events:schedule", args=[event.pk])).status_code == status


def test_a_draft_event_is_hidden_from_visitors(client, orgs, cast):
    draft = EventFactory(draft=True, organiser=orgs["wuxi_centre"])
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    assert _login(client, cast["wuxi_staff"]).get(draft.get_absolute_url()).status_code == 200


def test_the_participant_list_is_for_approved_participants_only(client, event):
    approved = RegistrationFactory(event=event)
    pending = RegistrationFactory(event=event, pending=True)
    url = reverse("events:participants", args=[event.pk])
    assert _login(client, pending.user).get(url).status_code == 403
    page = _login(client, approved.user).get(url)
    assert approved.display_name in page.content.decode()
    assert pending.display_name not in page.content.decode()


def test_register_then_organiser_approves_on_the_page(client, cast, event):
    _login(client, cast["investor"])
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"role": "investor", "country": "fr", "time_zone": "Europe/Paris", "languages": ["fr"]},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=cast["investor"])
    _login(client, cast["wuxi_staff"]).post(
        reverse("events:registration-decide", args=[registration.pk]), {"approve": "1"}
    )
    registration.refresh_from_db()
    assert registration.status == "approved"


def test_a_bad_country_on_the_registration_form_is_named(client, cast, event):
    _login(client, cast["investor"])
    page = client.post(
        reverse("events:register", args=[event.pk]),
        {"role": "investor", "country": "ZZ", "time_zone": "Europe/Paris"},
        follow=True,
    )
    assert "ZZ" in page.content.decode()
    assert not Registration.objects.exists()


def test_requesting_a_meeting_with_oneself_on_the_page_says_why(client, event):
    me = RegistrationFactory(event=event)
    page = _login(client, me.user).post(
        reverse("events:request", args=[event.pk]), {"other": me.pk}, follow=True
    )
    assert page.status_code == 200
    assert "cannot ask yourself" in page.content.decode()
    assert not MeetingRequest.objects.exists()


def test_overlapping_slots_on_the_setup_page_are_refused_with_a_message(client, cast, event):
    _login(client, cast["wuxi_staff"])
    url = reverse("events:setup", args=[event.pk])
    data = {"form": "slots", "first": "2027-04-20T09:00", "count": 2, "minutes": 30, "online": "on"}
    client.post(url, data)
    assert MeetingSlot.objects.count() == 2
    page = client.post(url, {**data, "first": "2027-04-20T09:15"}, follow=True)
    assert "overlaps the slot 2027-04-20 09:00" in page.content.decode()
    assert MeetingSlot.objects.count() == 2  # nothing half-written


def test_a_withdrawn_participants_agenda_says_so_clearly(client, cast, event):
    me = RegistrationFactory(event=event, status=Registration.Status.WITHDRAWN)
    page = _login(client, me.user).get(reverse("events:agenda", args=[me.pk]))
    assert page.status_code == 409
    assert "withdrew from the event" in page.content.decode()
    ics = client.get(reverse("events:agenda-ics", args=[me.pk]), follow=True)
    assert "withdrew from the event" in ics.content.decode()


def test_someone_elses_agenda_is_refused(client, event):
    me, other = RegistrationFactory(event=event), RegistrationFactory(event=event)
    assert _login(client, me.user).get(reverse("events:agenda", args=[other.pk])).status_code == 403


@pytest.fixture
def scheduled(event, cast):
    """An investor in Berlin and a Wuxi project owner with a scheduled online meeting."""
    slot = MeetingSlotFactory(event=event, starts_at=OPENS)
    MeetingTableFactory(event=event, name="云会议室 1", online_link="https://meet.example.org/1")
    request = MeetingRequestFactory(event=event, accepted=True)
    for who in (request.requester, request.recipient):
        AvailabilityFactory(registration=who, slot=slot)
    run = scheduling.scheduling_start(event=event, by=cast["wuxi_staff"])
    scheduling.scheduling_run(run.pk, time_limit=1)
    return request


def test_the_agenda_ics_is_read_back_by_a_calendar_parser(client, scheduled):
    owner = scheduled.recipient
    response = _login(client, owner.user).get(reverse("events:agenda-ics", args=[owner.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert events[0].decoded("dtstart") == OPENS
    assert scheduled.requester.display_name in str(events[0]["summary"])
    assert str(events[0]["url"]) == "https://meet.example.org/1"


def test_the_agenda_pdf_shows_the_meeting_in_chinese(client, scheduled):
    owner = scheduled.recipient
    _login(client, owner.user)
    with translation.override("zh-hans"):
        url = reverse("events:agenda-pdf", args=[owner.pk])
    response = client.get(url)
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    text = " ".join(text.split())
    assert "云会议室 1" in text  # CJK text drawn with the document's font
    assert scheduled.requester.display_name in text


def test_the_agenda_page_shows_the_meeting_in_the_participants_zone(client, scheduled):
    investor = scheduled.requester  # Europe/Berlin: 01:00 UTC is 03:00
    page = _login(client, investor.user).get(reverse("events:agenda", args=[investor.pk]))
    text = page.content.decode()
    assert scheduled.recipient.display_name in text
    # Babel puts a narrow no-break space before AM.
    assert re.search(r"3:00\sAM \(Europe/Berlin\)", text)
    assert re.search(r"9:00\sAM \(Asia/Shanghai\)", text)


def test_the_report_counts_countries_meetings_and_signings_from_a_source(client, scheduled):
    event = scheduled.event

    def signings(at):
        if at.pk != event.pk:
            return []
        return [
            Signing(
                "无锡数字文旅合作协议",
                ["Rhein Kultur Ventures", "无锡灵动文化"],
                Money(Decimal("12000000"), "CNY"),
                dt.date(2027, 4, 21),
            )
        ]

    register_signing_source(signings)
    try:
        page = client.get(reverse("events:report", args=[event.pk]))
    finally:
        unregister_signing_source(signings)
    text = page.content.decode()
    assert "无锡数字文旅合作协议" in text
    assert "12,000,000" in text
    assert "Germany" in text and "China" in text


def test_staff_create_an_event_in_its_own_zone_and_open_registration(client, cast):
    _login(client, cast["wuxi_staff"])
    organiser = cast["wuxi_staff"].organisation
    response = client.post(
        reverse("events:create"),
        {
            "title_zh_hans": "无锡文旅项目推介会",
            "kind": "promotion",
            "format": "hybrid",
            "time_zone": "Asia/Shanghai",
            "starts_at": "2027-05-10T09:00",
            "ends_at": "2027-05-10T17:00",
            "region_code": "320211",
            "organiser": organiser.pk,
            "meeting_minutes": 30,
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.starts_at == dt.datetime(2027, 5, 10, 1, 0, tzinfo=dt.UTC)
    assert (event.status, event.province_code, event.prefecture_code) == (
        "draft",
        "320000",
        "320200",
    )
    client.post(reverse("events:move", args=[event.pk]), {"target": "open"})
    event.refresh_from_db()
    assert event.status == "open"


def test_an_unknown_region_on_the_event_form_is_named(client, cast):
    _login(client, cast["wuxi_staff"])
    page = client.post(
        reverse("events:create"),
        {
            "title_en": "Promotion",
            "kind": "promotion",
            "format": "online",
            "time_zone": "Asia/Shanghai",
            "starts_at": "2027-05-10T09:00",
            "ends_at": "2027-05-10T17:00",
            "region_code": "999999",
            "organiser": cast["wuxi_staff"].organisation.pk,
            "meeting_minutes": 30,
        },
        follow=True,
    )
    assert "999999" in page.content.decode()
    assert not Event.objects.exists()


def test_visitors_cannot_create_events(client, cast):
    assert _login(client, cast["rep"]).get(reverse("events:create")).status_code == 403
