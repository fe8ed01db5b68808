"""An applicant's program applies through the API; staff move; 409 on a stale version."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wenchuang.accounts.services import api_token_create

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_calls_are_public_with_their_form_and_stages_in_the_askers_language(client):
    call = CallFactory()
    CallFactory(in_preparation=True)
    listing = client.get("/api/v1/calls").json()
    assert [c["id"] for c in listing["results"]] == [call.pk]
    detail = client.get(f"/api/v1/calls/{call.pk}", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert detail["title"] == "Appel à projets 2026 pour les industries culturelles"
    assert {"key": "screening", "label": "examen de recevabilité"} in detail["stages"]
    assert detail["form"]["sections"][0]["fields"][0]["key"] == "summary"


def test_a_program_applies_attaches_and_submits(client, cast):
    call = CallFactory()
    auth = bearer(cast["rep"])
    created = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {
            "organisation": cast["rep"].organisation_id,
            "title": "太湖传说",
            "classification": "0241",
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    url = f"/api/v1/applications/{body['id']}"
    changed = client.patch(
        url,
        {"answers": {"summary": "原创动画", "start": "2026-03-01"}},
        content_type="application/json",
        HTTP_IF_MATCH=body["version"],
        **auth,
    )
    assert changed.status_code == 200, changed.json()
    attached = client.post(
        f"{url}/attachments?field=plan",
        {"file": SimpleUploadedFile("plan.pdf", PDF)},
        **auth,
    )
    assert attached.status_code == 201, attached.json()
    assert attached.json()["content_type"] == "application/pdf"
    submitted = client.post(f"{url}/submit", **auth)
    assert submitted.status_code == 200
    assert submitted.json()["stage"] == "submitted"
    assert submitted.json()["answers"]["plan"] == attached.json()["id"]
    again = client.post(f"{url}/submit", **auth)
    assert again.status_code == 200


def test_a_change_from_an_older_version_is_409(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    auth = bearer(cast["rep"])
    url = f"/api/v1/applications/{application.pk}"
    old = client.get(url, **auth).json()["version"]
    first = client.patch(
        url, {"title": "A"}, content_type="application/json", HTTP_IF_MATCH=old, **auth
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"title": "B"}, content_type="application/json", HTTP_IF_MATCH=old, **auth
    )
    assert second.status_code == 409
    assert "changed meanwhile by rep" in second.json()["detail"]


def test_bad_answers_are_refused_naming_the_field(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    response = client.patch(
        f"/api/v1/applications/{application.pk}",
        {"answers": {"summary": "x" * 3000, "start": "31/12/2026"}},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert response.status_code == 422
    text = str(response.json())
    assert "summary" in text and "start" in text


def test_a_file_that_is_not_what_it_says_is_refused(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    response = client.post(
        f"/api/v1/applications/{application.pk}/attachments?field=plan",
        {"file": SimpleUploadedFile("plan.pdf", b"GIF89a not a pdf")},
        **bearer(cast["rep"]),
    )
    assert response.status_code == 422
    assert "accepted type" in str(response.json())


def test_a_late_submit_is_refused_with_the_deadline(client, cast):
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(hours=2))
    application = ApplicationFactory(call=call, applicant=cast["rep"].organisation)
    response = client.post(f"/api/v1/applications/{application.pk}/submit", **bearer(cast["rep"]))
    assert response.status_code == 422
    assert "Beijing time" in str(response.json())


def test_others_cannot_read_or_change_an_application(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    url = f"/api/v1/applications/{application.pk}"
    assert client.get(url, **bearer(cast["rival_rep"])).status_code == 403
    assert client.get(url).status_code == 403
    response = client.patch(
        url, {"title": "x"}, content_type="application/json", **bearer(cast["rival_rep"])
    )
    assert response.status_code == 403


def test_staff_list_a_calls_applications_and_move_one(client, cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    auth = bearer(cast["wuxi_staff"])
    rows = client.get(
        f"/api/v1/calls/{application.call_id}/applications?stage=submitted", **auth
    ).json()
    assert [r["id"] for r in rows["results"]] == [application.pk]
    detail = client.get(f"/api/v1/applications/{application.pk}", **auth).json()
    assert detail["moves"] == [{"target": "screening", "label": "start screening"}]
    moved = client.post(
        f"/api/v1/applications/{application.pk}/moves",
        {"target": "screening"},
        content_type="application/json",
        HTTP_IF_MATCH=detail["version"],
        **auth,
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "screening"
    stale = client.post(
        f"/api/v1/applications/{application.pk}/moves",
        {"target": "rejected"},
        content_type="application/json",
        HTTP_IF_MATCH=detail["version"],
        **auth,
    )
    assert stale.status_code == 409
    outsider = client.get(
        f"/api/v1/calls/{application.call_id}/applications", **bearer(cast["shandong_staff"])
    ).json()
    assert outsider["count"] == 0


def test_a_program_names_co_applicants(client, cast, orgs):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    url = f"/api/v1/applications/{application.pk}/co-applicants"
    added = client.post(
        url,
        {"organisation": orgs["rival"].pk},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert added.status_code == 200 and added.json()["co_applicants"] == [orgs["rival"].pk]
    refused = client.post(
        url,
        {"organisation": cast["rep"].organisation_id},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert refused.status_code == 422
