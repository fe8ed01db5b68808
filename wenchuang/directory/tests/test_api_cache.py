"""Visitors' API lists are kept whole until a write changes them (decision 0015)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wenchuang.accounts.services import api_token_create
from wenchuang.core import api_cache, generations
from wenchuang.directory import services
from wenchuang.directory.importing import import_file
from wenchuang.directory.models import Enterprise

from .conftest import csv_bytes, enterprise_row
from .factories import AssociationMembershipFactory

WUXI_BINHU = "320211"
ANIMATION = "0241"
LIST = "/api/v1/enterprises"


def enterprise(by, **data) -> Enterprise:
    values = {"region": WUXI_BINHU, "category": ANIMATION, **data}
    return services.record_create(model=Enterprise, by=by, data=values)


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def names(response, language: str = "en") -> list[str]:
    assert response.status_code == 200
    assert response["Content-Language"] == language
    return [row["name"] for row in response.json()["results"]]


def visitor_list(client, language: str = "en", **query) -> list[str]:
    return names(client.get(LIST, query, HTTP_ACCEPT_LANGUAGE=language), language)


@pytest.fixture
def staff(cast):
    return cast["wuxi_staff"]


@pytest.fixture
def studios(staff):
    return [
        enterprise(staff, name_zh_hans="无锡动漫科技有限公司", name_en="Wuxi Animation Co."),
        enterprise(staff, name_zh_hans="滨湖影视文化有限公司", name_en="Binhu Film Co."),
        enterprise(staff, name_zh_hans="太湖游戏有限公司", name_en="Taihu Games Co."),
    ]


# --- What is kept ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visitors_second_request_reads_only_the_generations(client, studios):
    first = client.get(LIST, {"page_size": 2}, HTTP_ACCEPT_LANGUAGE="en")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(LIST, {"page_size": 2}, HTTP_ACCEPT_LANGUAGE="en")
    assert [q["sql"] for q in queries.captured_queries if "directory_" in q["sql"]] == []
    assert len(queries.captured_queries) == 1  # the generations of the models it shows
    assert second.content == first.content
    assert second.json()["count"] == 3 and len(second.json()["results"]) == 2
    # The answer's headers are those of the first: a cache in front still splits languages.
    assert second["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    assert second["Content-Language"] == "en"
    assert "Accept-Language" in second["Vary"]


@pytest.mark.django_db
def test_query_strings_in_another_order_share_one_answer(client, studios):
    client.get(f"{LIST}?page=1&page_size=2&sort=name", HTTP_ACCEPT_LANGUAGE="en")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST}?sort=name&page_size=2&page=1", HTTP_ACCEPT_LANGUAGE="en")
    assert len(queries.captured_queries) == 1
    assert len(response.json()["results"]) == 2
    # Another page is another answer.
    assert visitor_list(client, page=2, page_size=2, sort="name") not in ([], None)


@pytest.mark.django_db
def test_languages_do_not_mix(client, studios):
    english = visitor_list(client, "en")
    chinese = visitor_list(client, "zh-hans")
    assert "Wuxi Animation Co." in english and "无锡动漫科技有限公司" not in english
    assert "无锡动漫科技有限公司" in chinese and "Wuxi Animation Co." not in chinese
    # Each kept apart, not the first language's answer served to the second reader.
    assert visitor_list(client, "en") == english
    assert visitor_list(client, "zh-hans") == chinese


@pytest.mark.django_db
def test_a_signed_in_user_never_gets_a_kept_answer(client, cast, staff, studios):
    pending = enterprise(cast["rep"], name_zh_hans="待审核", name_en="Awaiting Validation Co.")
    assert pending.status == "pending"
    assert "Awaiting Validation Co." not in visitor_list(client)
    # Staff see the pending profile: with a token …
    with_token = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en", **bearer(staff))
    assert "Awaiting Validation Co." in names(with_token)
    # … and with a session, whose second request is built afresh too.
    client.force_login(staff)
    client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    with CaptureQueriesContext(connection) as queries:
        by_session = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert "Awaiting Validation Co." in names(by_session)
    assert any("directory_enterprise" in q["sql"] for q in queries.captured_queries)
    # Nor is what staff saw kept for the visitors who come after.
    client.logout()
    assert "Awaiting Validation Co." not in visitor_list(client)


@pytest.mark.django_db
def test_refusals_are_not_kept(client, studios):
    # Refused by the view (an unknown region code), after the key was made: not kept.
    assert client.get(LIST, {"county": "999999"}).status_code == 422
    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, {"county": "999999"})
    assert again.status_code == 422
    assert any("reference_region" in q["sql"] for q in queries.captured_queries)


def test_every_model_a_list_is_kept_by_is_tracked_in_every_process():
    # Tracked from AppConfig.ready(), not from the router: a worker that never loads the
    # API (an import) must move the generations the web processes read.
    assert api_cache.KEPT_LISTS, "the directory's lists are kept"
    for path, models in api_cache.KEPT_LISTS.items():
        for model in models:
            assert generations.tracked(model), f"{path}: {model._meta.label} is not tracked"


# --- Every write path moves the next visitor's list on --------------------------------------
# Real commits (transaction=True): generations move after commit, as in production.


@pytest.mark.django_db(transaction=True)
def test_a_change_made_on_the_edit_page_shows_in_the_next_list(client, staff, studios):
    assert "Wuxi Animation Co." in visitor_list(client)
    client.force_login(staff)
    saved = client.post(
        f"/en/enterprise/{studios[0].pk}/edit/",
        {"name_en": "Lingdong Animation", "region_code": WUXI_BINHU, "category_code": ANIMATION},
    )
    assert saved.status_code == 302
    client.logout()
    after = visitor_list(client)
    assert "Lingdong Animation" in after and "Wuxi Animation Co." not in after


@pytest.mark.django_db(transaction=True)
def test_a_change_made_through_the_api_shows_in_the_next_list(client, staff, studios):
    assert "Binhu Film Co." in visitor_list(client)
    response = client.patch(
        f"{LIST}/{studios[1].pk}",
        {"name_en": "Binhu Pictures"},
        content_type="application/json",
        **bearer(staff),
    )
    assert response.status_code == 200
    after = visitor_list(client)
    assert "Binhu Pictures" in after and "Binhu Film Co." not in after


@pytest.mark.django_db(transaction=True)
def test_records_an_import_publishes_show_in_the_next_list(client, cast, studios, tmp_path):
    assert client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").json()["count"] == 3
    path = tmp_path / "enterprises.csv"
    path.write_bytes(csv_bytes([enterprise_row(n) for n in (1, 2)]))
    result = import_file("enterprises", path, by=cast["shandong_staff"])
    assert result.created == 2
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["count"] == 5
    assert "Weifang Culture Media No. 1" in names(response)


@pytest.mark.django_db(transaction=True)
def test_an_import_that_updates_records_shows_in_the_next_list(client, cast, tmp_path):
    staff = cast["shandong_staff"]
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes([enterprise_row(1)]))
    import_file("enterprises", first, by=staff)
    assert visitor_list(client) == ["Weifang Culture Media No. 1"]
    again = tmp_path / "again.csv"
    again.write_bytes(csv_bytes([enterprise_row(1, name_en="Weifang Kite Media")]))
    assert import_file("enterprises", again, by=staff).updated == 1
    assert visitor_list(client) == ["Weifang Kite Media"]


@pytest.mark.django_db(transaction=True)
def test_a_profile_staff_validate_shows_in_the_next_list(client, cast, staff, studios):
    pending = enterprise(cast["rep"], name_zh_hans="待审核", name_en="Awaiting Validation Co.")
    assert "Awaiting Validation Co." not in visitor_list(client)
    client.force_login(staff)
    # The queue's decision moves the profile with a conditional UPDATE (core.transitions).
    client.post(f"/en/enterprise/{pending.pk}/validate/", {"approve": "1"})
    client.logout()
    assert "Awaiting Validation Co." in visitor_list(client)


@pytest.mark.django_db(transaction=True)
def test_a_write_rolled_back_keeps_the_answer(client, staff, studios):
    visitor_list(client)
    before = generations.current([Enterprise])
    with pytest.raises(RuntimeError), transaction.atomic():
        studios[2].name_en = "Never Saved"
        studios[2].save()
        raise RuntimeError("the write fails")
    assert generations.current([Enterprise]) == before
    with CaptureQueriesContext(connection) as queries:
        assert "Never Saved" not in visitor_list(client)
    assert len(queries.captured_queries) == 1  # still the kept answer


@pytest.mark.django_db(transaction=True)
def test_a_member_the_association_admits_shows_in_the_next_members_list(client, cast, orgs):
    membership = AssociationMembershipFactory(applied=True, association=orgs["association"])

    def listed() -> list[int]:
        response = client.get("/api/v1/memberships", HTTP_ACCEPT_LANGUAGE="en")
        return [row["id"] for row in response.json()["results"]]

    assert listed() == []  # an applicant: not shown to visitors
    services.membership_set_status(membership=membership, by=cast["wuxi_staff"], status="active")
    assert listed() == [membership.pk]
