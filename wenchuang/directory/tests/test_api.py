"""The JSON API under /api/v1: lists, search, details, token writes, errors naming the field."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wenchuang.accounts.models import ApiToken, Organisation
from wenchuang.accounts.services import api_token_create
from wenchuang.core.timelimit import query_time_limit
from wenchuang.directory import services
from wenchuang.directory.models import Enterprise, ProfileChange

WUXI = "320200"
WUXI_BINHU = "320211"
NANJING_XUANWU = "320102"
ANIMATION = "0241"  # animation, comics and game digital content (2018 classification)
PRINTING = "0721"  # printing of books, newspapers and periodicals


@pytest.fixture
def staff(cast):
    return cast["wuxi_staff"]


@pytest.fixture
def rep(cast):
    return cast["rep"]


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def enterprise(by, **data) -> Enterprise:
    values = {"region": WUXI_BINHU, "category": ANIMATION, **data}
    return services.record_create(model=Enterprise, by=by, data=values)


@pytest.fixture
def animation_studio(staff):
    return enterprise(
        staff,
        name_zh_hans="无锡动漫科技有限公司",
        name_en="Wuxi Animation Technology Co., Ltd.",
        email="hello@anim.example",
        phone="0510-1234567",
        contact_person="王经理",
    )


@pytest.fixture
def printer(staff):
    other_org = Organisation.objects.create(kind="enterprise", name_zh_hans="别的公司")
    record = enterprise(
        staff,
        name_zh_hans="南京印刷厂",
        name_en="Nanjing Printing Works",
        category=PRINTING,
        region=WUXI_BINHU,
    )
    Enterprise.objects.filter(pk=record.pk).update(organisation=other_org)
    return record


def names(response) -> list[str]:
    return [row["name_zh_hans"] for row in response.json()["results"]]


def error_fields(response) -> list[str]:
    return [error["loc"][-1] for error in response.json()["detail"]]


# --- Reading -------------------------------------------------------------------------------


def test_list_shows_published_enterprises_with_names_in_every_language(
    client, animation_studio, printer
):
    response = client.get("/api/v1/enterprises")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["count_capped"] is False
    first = body["results"][0]
    assert first["name_en"] == "Wuxi Animation Technology Co., Ltd."
    assert first["region"]["code"] == WUXI_BINHU
    assert first["category"]["code"] == ANIMATION
    assert "email" not in first


def test_names_follow_the_request_language(client, animation_studio):
    chinese = client.get("/api/v1/enterprises", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/api/v1/enterprises", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.json()["results"][0]["name"] == "无锡动漫科技有限公司"
    assert english.json()["results"][0]["name"] == "Wuxi Animation Technology Co., Ltd."
    assert english["Content-Language"] == "en"


def test_list_names_fall_back_like_the_detail(client, staff):
    record = enterprise(staff, name_en="Binhu Design Studio")
    listed = client.get("/api/v1/enterprises", HTTP_ACCEPT_LANGUAGE="fr").json()["results"][0]
    detail = client.get(f"/api/v1/enterprises/{record.pk}", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert listed["name"] == "Binhu Design Studio"
    assert {k: v for k, v in detail.items() if k in listed} == listed


def test_chinese_search_finds_a_word_inside_a_name(client, animation_studio, printer):
    assert names(client.get("/api/v1/enterprises", {"q": "动漫"})) == ["无锡动漫科技有限公司"]


def test_english_search(client, animation_studio, printer):
    assert names(client.get("/api/v1/enterprises", {"q": "printing"})) == ["南京印刷厂"]


def test_region_and_category_filters(client, animation_studio, printer):
    assert len(names(client.get("/api/v1/enterprises", {"prefecture": WUXI}))) == 2
    assert names(client.get("/api/v1/enterprises", {"province": "110000"})) == []
    assert names(client.get("/api/v1/enterprises", {"small": ANIMATION})) == [
        "无锡动漫科技有限公司"
    ]
    assert names(client.get("/api/v1/enterprises", {"major": "07"})) == ["南京印刷厂"]


def test_unknown_filter_code_is_named(client, reference_data):
    response = client.get("/api/v1/enterprises", {"county": "999999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert error_fields(response) == ["county"]
    assert response.json()["detail"][0]["msg"] == "Unknown region code: 999999"


def test_page_size_is_capped(client, reference_data):
    response = client.get("/api/v1/enterprises", {"page_size": 101})
    assert response.status_code == 422
    assert error_fields(response) == ["page_size"]


def test_list_page_costs_the_same_queries_however_many_rows(
    client, staff, django_assert_max_num_queries
):
    for n in range(30):
        enterprise(staff, name_zh_hans=f"企业{n}")
    # the generations the visitor's kept answers are keyed on (decision 0015), count + page
    # rows (region, category, park joined) and nothing per row, plus the constant cost of
    # the time limit (PostgreSQL: a savepoint and setting the timeout)
    with CaptureQueriesContext(connection) as limit, query_time_limit():
        pass
    with django_assert_max_num_queries(3 + len(limit.captured_queries)):
        response = client.get("/api/v1/enterprises", {"page_size": 30})
    assert len(response.json()["results"]) == 30


def test_detail_hides_contacts_from_the_public(client, animation_studio):
    response = client.get(f"/api/v1/enterprises/{animation_studio.pk}", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 200
    assert body["contacts"] is None
    assert body["contacts_hidden_reason"] == "Sign in as agency staff to see contact details."
    assert "hello@anim.example" not in response.content.decode()


def test_detail_shows_contacts_to_staff_with_a_token(client, staff, animation_studio):
    response = client.get(f"/api/v1/enterprises/{animation_studio.pk}", **bearer(staff))
    assert response.json()["contacts"]["email"] == "hello@anim.example"


def test_unpublished_record_is_not_found_for_the_public(client, rep):
    pending = enterprise(rep, name_zh_hans="待审核")
    assert pending.status == "pending"
    assert client.get(f"/api/v1/enterprises/{pending.pk}").status_code == 404
    assert client.get(f"/api/v1/enterprises/{pending.pk}", **bearer(rep)).status_code == 200


def test_staff_list_includes_pending_records_of_their_jurisdiction(client, staff, rep):
    pending = enterprise(rep, name_zh_hans="待审核")
    response = client.get("/api/v1/enterprises", **bearer(staff))
    assert names(response) == [pending.name_zh_hans]


def test_a_bad_token_is_refused_even_for_reads(client, reference_data):
    response = client.get("/api/v1/enterprises", HTTP_AUTHORIZATION="Bearer wc_nonsense")
    assert response.status_code == 401


def test_history_hides_contact_changes_from_the_public(client, staff, animation_studio):
    services.record_update(record=animation_studio, by=staff, data={"phone": "0510-7654321"})
    public = client.get(f"/api/v1/enterprises/{animation_studio.pk}/history").json()
    staff_view = client.get(
        f"/api/v1/enterprises/{animation_studio.pk}/history", **bearer(staff)
    ).json()
    assert "0510-7654321" not in str(public)
    assert staff_view[0]["changes"]["phone"] == ["0510-1234567", "0510-7654321"]
    assert staff_view[0]["actor"] == "wuxi_staff"


def test_regions_and_categories(client, reference_data):
    provinces = client.get("/api/v1/regions").json()
    assert {"code": "320000", "name_en": "Jiangsu"}.items() <= next(
        p for p in provinces if p["code"] == "320000"
    ).items()
    counties = client.get("/api/v1/regions", {"parent": WUXI}).json()
    assert WUXI_BINHU in [c["code"] for c in counties]
    mids = client.get("/api/v1/categories", {"parent": "02"}).json()
    assert all(c["parent"] == "02" and c["level"] == 2 for c in mids)
    assert client.get("/api/v1/regions", {"parent": "999999"}).status_code == 422


# --- Writing -------------------------------------------------------------------------------


def test_staff_create_by_token_is_published(client, staff):
    response = client.post(
        "/api/v1/enterprises",
        {"name_zh_hans": "无锡动漫", "region": WUXI_BINHU, "category": ANIMATION},
        content_type="application/json",
        **bearer(staff),
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "published"
    assert Enterprise.objects.get().prefecture_code == WUXI
    assert ApiToken.objects.get().last_used_at is not None


def test_anonymous_create_is_refused_with_json(client, reference_data):
    response = client.post(
        "/api/v1/enterprises",
        {"name_zh_hans": "x", "region": WUXI_BINHU, "category": ANIMATION},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    assert not Enterprise.objects.exists()


def post_enterprise(client, user, data, language="en"):
    return client.post(
        "/api/v1/enterprises",
        data,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
        **bearer(user),
    )


def test_unknown_region_is_named(client, staff):
    response = post_enterprise(
        client, staff, {"name_zh_hans": "x", "region": "999999", "category": ANIMATION}
    )
    assert response.status_code == 422
    assert error_fields(response) == ["region"]
    assert response.json()["detail"][0]["msg"] == "Unknown region code: 999999"
    assert not Enterprise.objects.exists()


def test_wrong_types_are_named(client, staff):
    response = post_enterprise(
        client,
        staff,
        {"name_zh_hans": "x", "region": WUXI_BINHU, "category": ANIMATION, "employees": "many"},
    )
    assert response.status_code == 422
    assert error_fields(response) == ["employees"]
    assert response.json()["detail"][0]["msg"] == "Enter a whole number."


def test_missing_required_fields_are_named(client, staff):
    response = post_enterprise(client, staff, {"name_zh_hans": "x"})
    assert response.status_code == 422
    assert sorted(error_fields(response)) == ["category", "region"]


def test_typo_in_a_field_name_is_named(client, staff):
    response = post_enterprise(
        client, staff, {"nmae_en": "x", "region": WUXI_BINHU, "category": ANIMATION}
    )
    assert response.status_code == 422
    assert error_fields(response) == ["nmae_en"]


def test_oversized_name_is_refused(client, staff):
    response = post_enterprise(
        client, staff, {"name_zh_hans": "文" * 201, "region": WUXI_BINHU, "category": ANIMATION}
    )
    assert response.status_code == 422
    assert error_fields(response) == ["name_zh_hans"]
    # The message a form gives beside the field (the model field's own rule).
    assert response.json()["detail"][0]["msg"] == (
        "Ensure this value has at most 200 characters (it has 201)."
    )


def test_invalid_json_is_a_client_error(client, staff):
    response = post_enterprise(client, staff, "{not json")
    assert response.status_code == 400


def test_staff_outside_their_jurisdiction_are_refused(client, staff):
    response = post_enterprise(
        client, staff, {"name_zh_hans": "x", "region": NANJING_XUANWU, "category": ANIMATION}
    )
    assert response.status_code == 403
    assert "jurisdiction" in response.json()["detail"]


def test_investor_with_unknown_currency_is_named(client, staff):
    response = client.post(
        "/api/v1/investors",
        {"name_en": "Fund", "region": WUXI_BINHU, "currency": "XXZ"},
        content_type="application/json",
        **bearer(staff),
    )
    assert response.status_code == 422
    assert error_fields(response) == ["currency"]


def test_rep_cannot_patch_another_organisations_enterprise(client, rep, printer):
    response = client.patch(
        f"/api/v1/enterprises/{printer.pk}",
        {"name_en": "Mine now"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(rep),
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You can edit only enterprises of your own organisation."}


def test_rep_patch_of_own_published_profile_waits_for_validation(client, rep, staff):
    own = enterprise(rep, name_zh_hans="无锡动漫")
    services.record_validate(record=own, by=staff, approve=True)
    response = client.patch(
        f"/api/v1/enterprises/{own.pk}",
        {"name_en": "Wuxi Animation"},
        content_type="application/json",
        **bearer(rep),
    )
    assert response.status_code == 202, response.content
    assert response.json()["changes"] == {"name_en": "Wuxi Animation"}
    assert ProfileChange.objects.get().status == "pending"
    own.refresh_from_db()
    assert own.name_en == ""


def test_staff_patch_applies_at_once(client, staff, animation_studio):
    response = client.patch(
        f"/api/v1/enterprises/{animation_studio.pk}",
        {"employees": 42},
        content_type="application/json",
        **bearer(staff),
    )
    assert response.status_code == 200
    assert response.json()["employees"] == 42


def test_bad_patch_changes_nothing(client, staff, animation_studio):
    response = client.patch(
        f"/api/v1/enterprises/{animation_studio.pk}",
        {"name_en": "New", "email": "not-an-email"},
        content_type="application/json",
        **bearer(staff),
    )
    assert response.status_code == 422
    assert error_fields(response) == ["email"]
    animation_studio.refresh_from_db()
    assert animation_studio.name_en == "Wuxi Animation Technology Co., Ltd."


def test_errors_come_in_the_language_the_client_asks_for(client, staff):
    response = post_enterprise(
        client,
        staff,
        {"name_zh_hans": "x", "region": "999999", "category": ANIMATION},
        language="fr",
    )
    assert response["Content-Language"] == "fr"
    assert response.json()["detail"][0]["msg"] == "Code de région inconnu\u00a0: 999999"


def test_create_api_token_command_prints_a_working_key(client, rep, capsys):
    call_command("create_api_token", "rep", "statistics export")
    key = capsys.readouterr().out.strip()
    assert key.startswith("wc_")
    response = client.get("/api/v1/enterprises", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_openapi_and_docs_are_served(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/enterprises/{id}" in spec["paths"]
    assert spec["info"]["version"] == "1"
    assert client.get("/api/docs").status_code == 200
