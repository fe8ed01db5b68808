"""The API on demo-generated records: every kind reads and writes without a server error,
every answer under /api/ is JSON, association members are served with their fees guarded."""

from decimal import Decimal

import pytest
from django.utils import translation

from wenchuang.accounts.models import Role, User
from wenchuang.accounts.services import api_token_create, user_create
from wenchuang.directory import permissions
from wenchuang.directory.models import AssociationMembership, Investor, Park
from wenchuang.directory.selectors import KINDS


@pytest.fixture(autouse=True)
def english(client):
    """The API picks its language from the request: ask for English, as the messages read."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def bearer(username: str) -> dict[str, str]:
    _token, key = api_token_create(user=User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# --- Every demo record reads; a staff write answers what it saved -----------------------------


def test_every_demo_park_and_investor_detail_answers_with_its_focus_categories(client, demo_db):
    for model, plural in ((Park, "parks"), (Investor, "investors")):
        records = model.objects.filter(status="published").prefetch_related("focus_categories")
        assert records.exists()
        for record in records:
            response = client.get(f"/api/v1/{plural}/{record.pk}")
            assert response.status_code == 200, (plural, record.pk, response.content[:200])
            codes = sorted(c.code for c in record.focus_categories.all())
            assert sorted(response.json()["focus_categories"]) == codes


@pytest.mark.parametrize("username", ["visitor", "staff_national", "staff_wuxi"])
def test_every_kind_lists_and_reads_for_visitors_and_staff(client, demo_db, username):
    headers = bearer(username) if username != "visitor" else {}
    for kind in KINDS:
        listed = client.get(f"/api/v1/{kind}s?page_size=100", **headers)
        assert listed.status_code == 200, (kind, listed.content[:200])
        rows = listed.json()["results"]
        assert rows, kind
        for row in rows[:10]:
            for suffix in ("", "/history"):
                response = client.get(f"/api/v1/{kind}s/{row['id']}{suffix}", **headers)
                assert response.status_code == 200, (kind, row["id"], suffix)


def test_staff_patch_of_a_demo_park_answers_the_saved_park(client, demo_db):
    # The demo's first park (id 1 on a fresh database), in Wuxi.
    park = Park.objects.filter(name_en__startswith="Wuxi Studios").get()
    response = client.patch(
        f"/api/v1/parks/{park.pk}",
        {"vacancy_rate": "12.50", "name_en": "Wuxi Studios, renamed"},
        content_type="application/json",
        **bearer("staff_wuxi"),
    )
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["name_en"] == "Wuxi Studios, renamed"
    assert body["focus_categories"] == sorted(c.code for c in park.focus_categories.all())
    park.refresh_from_db()
    assert park.name_en == "Wuxi Studios, renamed"


def test_staff_patch_of_a_demo_investor_answers_the_saved_investor(client, demo_db):
    investor = Investor.objects.filter(status="published").first()
    response = client.patch(
        f"/api/v1/investors/{investor.pk}",
        {"ticket_min": "1000000"},
        content_type="application/json",
        **bearer("staff_national"),
    )
    assert response.status_code == 200, response.content[:300]
    assert Decimal(response.json()["ticket_min"]) == 1_000_000


# --- Everything under /api/ is JSON -----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/api/v1/parks", "GET, POST"),
        ("delete", "/api/v1/parks/1", "GET, PATCH"),
        ("put", "/api/v1/enterprises/1", "GET, PATCH"),
        ("post", "/api/v1/regions", "GET"),
    ],
)
def test_a_method_a_path_lacks_answers_json_405_with_allow(client, db, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == allowed
    assert allowed in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v2/parks", "/api/", "/api/v1/parks/1/x"])
def test_an_unknown_api_path_answers_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_api_errors_speak_the_askers_language(client, db):
    not_found = client.get("/api/v1/nowhere", HTTP_ACCEPT_LANGUAGE="fr")
    assert not_found["Content-Language"] == "fr"
    assert "chemin" in not_found.json()["detail"]
    not_allowed = client.delete("/api/v1/parks/1", HTTP_ACCEPT_LANGUAGE="de")
    assert not_allowed["Content-Language"] == "de"
    assert "Methoden" in not_allowed.json()["detail"]


# --- Association members ----------------------------------------------------------------------


@pytest.fixture
def association_user(demo_db):
    association = AssociationMembership.objects.first().association
    return user_create(
        username="association_secretary",
        password="pw-for-tests",
        role=Role.ASSOCIATION_MEMBER,
        organisation=association,
    )


def test_visitors_see_active_members_without_fees(client, demo_db):
    response = client.get("/api/v1/memberships?page_size=100")
    assert response.status_code == 200
    rows = response.json()["results"]
    active = AssociationMembership.objects.filter(status="active")
    assert {row["id"] for row in rows} == set(active.values_list("id", flat=True))
    assert all(row["yearly_fee"] is None and row["currency"] is None for row in rows)
    assert all(row["fee_hidden_reason"] for row in rows)
    first = rows[0]
    membership = AssociationMembership.objects.get(pk=first["id"])
    with translation.override("en"):
        assert first["member"] == {"id": membership.member_id, "name": str(membership.member)}
    assert first["status_label"] == "active"


def test_the_association_reads_its_members_fees_and_lapsed_members(
    client, demo_db, association_user
):
    _token, key = api_token_create(user=association_user, name="test")
    response = client.get("/api/v1/memberships?page_size=100", HTTP_AUTHORIZATION=f"Bearer {key}")
    rows = {row["id"]: row for row in response.json()["results"]}
    lapsed = AssociationMembership.objects.filter(status="lapsed").first()
    assert lapsed is not None and lapsed.pk in rows
    assert rows[lapsed.pk]["yearly_fee"] == f"{lapsed.yearly_fee:.2f}"
    assert rows[lapsed.pk]["currency"] == "CNY"
    detail = client.get(f"/api/v1/memberships/{lapsed.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert detail.json()["yearly_fee"] == f"{lapsed.yearly_fee:.2f}"


def test_a_lapsed_membership_is_not_found_for_visitors(client, demo_db):
    lapsed = AssociationMembership.objects.filter(status="lapsed").first()
    response = client.get(f"/api/v1/memberships/{lapsed.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("username", ["member_weifang", "staff_national", "staff_dalian"])
def test_fees_follow_the_members_page_rule(client, demo_db, username):
    user = User.objects.get(username=username)
    response = client.get("/api/v1/memberships?page_size=100", **bearer(username))
    for row in response.json()["results"]:
        membership = AssociationMembership.objects.get(pk=row["id"])
        may = bool(permissions.can_manage_membership(user, membership))
        assert (row["yearly_fee"] is not None) is may


def test_members_filter_by_association_and_status(client, demo_db, association_user):
    association = association_user.organisation_id
    response = client.get(f"/api/v1/memberships?association={association}&status=active")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and all(row["association"]["id"] == association for row in rows)
    assert client.get("/api/v1/memberships?status=gone").status_code == 422
