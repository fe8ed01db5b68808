"""The designation API: the public register, and an assessor's program filling and submitting."""

import pytest

from wenchuang.accounts.services import api_token_create
from wenchuang.core.transitions import version_of
from wenchuang.designation.standard import GOOD_VALUES

from .factories import DesignationFactory, FieldAssessmentFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def test_the_register_is_public_and_filtered(client, reference_data):
    warned = DesignationFactory(park__name_en="Wuxi Design Park", warned=True)
    DesignationFactory(park__in_dalian=True)
    everything = client.get("/api/v1/designations").json()
    assert everything["count"] == 2
    only = client.get("/api/v1/designations", {"status": "warned"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert [(d["id"], d["status"], d["status_label"]) for d in only.json()["results"]] == [
        (warned.pk, "warned", "avertie")
    ]
    liaoning = client.get("/api/v1/designations", {"province": "210000"}).json()["results"]
    assert [d["region"][:2] for d in liaoning] == ["21"]
    wuxi = client.get("/api/v1/designations", {"prefecture": "320200"}).json()["results"]
    assert [d["id"] for d in wuxi] == [warned.pk]
    one = client.get(f"/api/v1/designations/{warned.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert one["park"]["name"] == "Wuxi Design Park"
    assert one["valid_until"] == "2028-01-01"


def test_a_bad_filter_is_a_422_naming_it(client, reference_data):
    response = client.get("/api/v1/designations", {"status": "sleeping"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


def test_an_assessors_program_saves_then_submits(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    auth = bearer(cast["assessor"])
    mine = client.get("/api/v1/assessments", **auth).json()
    assert [a["id"] for a in mine["results"]] == [assessment.pk]
    saved = client.patch(
        f"/api/v1/assessments/{assessment.pk}",
        {"values": {"tenant_enterprises": 120}},
        content_type="application/json",
        HTTP_IF_MATCH=version_of(assessment),
        **auth,
    )
    assert saved.status_code == 200 and saved.json()["values"] == {"tenant_enterprises": 120}
    submitted = client.post(
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"values": GOOD_VALUES, "report": "园区运营良好"},
        content_type="application/json",
        **auth,
    )
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["score"]) == ("submitted", "83.75")


def test_a_wrong_value_is_a_422_naming_the_indicator(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    response = client.post(
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"values": {**GOOD_VALUES, "occupancy": 140}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(cast["assessor"]),
    )
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert (error["loc"], error["msg"]) == (["body", "occupancy"], "A percentage is at most 100.")


def test_a_save_based_on_an_old_version_is_a_409(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    stale = version_of(assessment)
    auth = bearer(cast["assessor"])
    url = f"/api/v1/assessments/{assessment.pk}"
    client.patch(url, {"values": {"employment": 1}}, content_type="application/json", **auth)
    response = client.patch(
        url,
        {"values": {"employment": 2}},
        content_type="application/json",
        HTTP_IF_MATCH=stale,
        **auth,
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("name", "status"), [("other_assessor", 403), ("wuxi_staff", 403), ("rep", 403)]
)
def test_only_the_entrusted_assessors_submit(client, cast, orgs, name, status):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    response = client.post(
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"values": GOOD_VALUES},
        content_type="application/json",
        **bearer(cast[name]),
    )
    assert response.status_code == status
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_a_visitor_sees_no_assessment(client, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    assert client.get("/api/v1/assessments").json()["count"] == 0
    assert client.get(f"/api/v1/assessments/{assessment.pk}").status_code == 403
