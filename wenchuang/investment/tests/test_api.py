"""Investment in the JSON API: the pages' permissions, bad input as 422, never a 500."""

import pytest

from wenchuang.investment.models import Project

from .factories import ProfileFactory, ProjectFactory, category

pytestmark = pytest.mark.django_db


def test_visitors_list_published_projects_only(client):
    published = ProjectFactory()
    ProjectFactory(draft=True)
    body = client.get("/api/v1/investment/projects").json()
    assert [row["id"] for row in body["results"]] == [published.pk]
    assert body["results"][0]["currency"] == "CNY"
    assert body["results"][0]["category"] == "vr-applications"


def test_a_draft_is_403_for_visitors_and_404_when_missing(client):
    draft = ProjectFactory(draft=True)
    assert client.get(f"/api/v1/investment/projects/{draft.pk}").status_code == 403
    assert client.get("/api/v1/investment/projects/999999").status_code == 404


def test_an_owner_creates_a_draft_and_an_amount_without_currency_is_422(client, cast):
    category("film-tv-performing-arts")
    client.force_login(cast["rep"])
    body = {"title_zh_hans": "影视基地", "category": "film-tv-performing-arts", "amount": "100"}
    response = client.post("/api/v1/investment/projects", body, content_type="application/json")
    assert response.status_code == 422
    assert "currency" in str(response.json())
    body["currency"] = "USD"
    response = client.post("/api/v1/investment/projects", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    body["category"] = "no-such-category"
    response = client.post("/api/v1/investment/projects", body, content_type="application/json")
    assert response.status_code == 422
    assert Project.objects.count() == 1


def test_matches_are_for_the_investor_and_staff(client, cast):
    profile = ProfileFactory()
    assert client.get(f"/api/v1/investment/investors/{profile.pk}").status_code == 200
    assert client.get(f"/api/v1/investment/investors/{profile.pk}/matches").status_code == 403
    client.force_login(cast["wuxi_staff"])
    assert client.get(f"/api/v1/investment/investors/{profile.pk}/matches").status_code == 200


def test_leads_are_for_staff(client, cast):
    assert client.get("/api/v1/investment/leads").status_code == 403
    client.force_login(cast["wuxi_staff"])
    assert client.get("/api/v1/investment/leads").json()["count"] == 0


def test_an_owner_cannot_create_a_project_for_someone_elses_organisation(client, cast, orgs):
    category("film-tv-performing-arts")
    client.force_login(cast["rep"])
    body = {"title_zh_hans": "影视基地", "category": "film-tv-performing-arts"}
    response = client.post(
        "/api/v1/investment/projects", {**body, "owner": orgs["rival"].pk},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    assert not Project.objects.exists()
