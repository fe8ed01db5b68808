"""The events API: the pages' permissions, bad input as 4xx with a clear message."""

import pytest

from wenchuang.accounts.services import api_token_create
from wenchuang.events.models import MeetingRequest, Registration

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(orgs):
    return EventFactory(organiser=orgs["wuxi_centre"])


def _client(client, user):
    key = api_token_create(user=user, name="test")[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_visitors_list_published_events_but_not_drafts(client, orgs, event):
    draft = EventFactory(draft=True, organiser=orgs["wuxi_centre"])
    ids = [row["id"] for row in client.get("/api/v1/events").json()["results"]]
    assert event.pk in ids and draft.pk not in ids
    assert client.get(f"/api/v1/events/{draft.pk}").status_code == 404


def test_register_through_the_api_and_an_unknown_country_is_a_422(client, cast, event):
    api = _client(client, cast["investor"])
    bad = api.post(
        f"/api/v1/events/{event.pk}/registrations",
        {"role": "investor", "country": "QQ"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "QQ" in bad.content.decode()
    good = api.post(
        f"/api/v1/events/{event.pk}/registrations",
        {"role": "investor", "country": "DE", "time_zone": "Europe/Berlin"},
        content_type="application/json",
    )
    assert good.status_code == 201
    assert good.json()["status"] == "pending"


def test_only_organisers_decide_registrations(client, cast, event):
    pending = RegistrationFactory(event=event, pending=True)
    url = f"/api/v1/event-registrations/{pending.pk}/decision"
    refused = _client(client, cast["rep"]).post(url, {"approve": True}, "application/json")
    assert refused.status_code == 403
    accepted = _client(client, cast["wuxi_staff"]).post(url, {"approve": True}, "application/json")
    assert accepted.status_code == 200
    assert Registration.objects.get(pk=pending.pk).status == "approved"


def test_a_meeting_request_to_oneself_through_the_api_is_a_422(client, event):
    me = RegistrationFactory(event=event)
    answer = _client(client, me.user).post(
        f"/api/v1/events/{event.pk}/meeting-requests",
        {"recipient": me.pk},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "yourself" in answer.content.decode()
    assert not MeetingRequest.objects.exists()


def test_the_agenda_of_someone_not_registered_is_refused(client, cast, event):
    assert _client(client, cast["rep"]).get(f"/api/v1/events/{event.pk}/agenda").status_code == 403
