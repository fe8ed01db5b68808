"""Who sees and changes what: public history, tenants, jurisdictions, resubmission, moves."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.accounts.models import Organisation, Role
from wenchuang.accounts.services import api_token_create, user_create
from wenchuang.core.audit import audit_events
from wenchuang.directory import selectors, services
from wenchuang.directory.models import Enterprise, ProfileChange
from wenchuang.directory.selectors import DirectoryFilters

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def newcomer_profile(cast):
    """A pending profile of an organisation nobody else represents, in Wuxi's Binhu district."""
    org = Organisation.objects.create(kind="enterprise", name_en="Hidden Games", region_id="320211")
    newcomer = user_create(
        username="newcomer", password="pw-newcomer", role=Role.ENTERPRISE_REP, organisation=org
    )
    record = services.record_create(
        model=Enterprise,
        by=newcomer,
        data={"name_en": "Hidden Games Studio", "region": "320211", "category": "0241"},
    )
    return newcomer, record


# --- Only decided changes are public ------------------------------------------------------


def test_a_proposed_name_is_not_public_before_or_after_a_refusal(client, cast, directory):
    acme = directory["acme"]
    change = services.record_update(
        record=acme, by=cast["rep"], data={"name_en": "Proposed Secret Name"}
    )
    page = client.get(f"/en/enterprise/{acme.pk}/").content.decode()
    api = client.get(f"/api/v1/enterprises/{acme.pk}/history").content.decode()
    assert "Proposed Secret Name" not in page
    assert "Proposed Secret Name" not in api

    services.change_decide(change=change, by=cast["wuxi_staff"], approve=False, reason="No")
    page = client.get(f"/en/enterprise/{acme.pk}/").content.decode()
    api = client.get(f"/api/v1/enterprises/{acme.pk}/history").content.decode()
    assert "Proposed Secret Name" not in page
    assert "Proposed Secret Name" not in api


def test_the_owner_and_staff_see_the_proposal_and_everyone_sees_the_decided_change(
    client, cast, directory
):
    acme = directory["acme"]
    change = services.record_update(record=acme, by=cast["rep"], data={"name_en": "Lingdong"})
    for who in ("rep", "wuxi_staff"):
        client.force_login(cast[who])
        assert "Lingdong" in client.get(f"/en/enterprise/{acme.pk}/").content.decode()
    client.logout()
    services.change_decide(change=change, by=cast["wuxi_staff"], approve=True)
    history = client.get(f"/api/v1/enterprises/{acme.pk}/history").json()
    assert history[0]["action"] == "approve"
    assert history[0]["changes"]["name_en"][1] == "Lingdong"
    assert "submit" not in [event["action"] for event in history]


# --- Tenants only among the enterprises the user can see ----------------------------------


def test_a_park_manager_cannot_attach_an_unpublished_enterprise_of_another_organisation(
    client, cast, directory, newcomer_profile
):
    _newcomer, hidden = newcomer_profile
    studios = directory["studios"]
    client.force_login(cast["park_manager"])
    hidden_answer = client.post(
        f"/en/park/{studios.pk}/tenants/", {"enterprise": hidden.pk, "present": "1"}, follow=True
    )
    unknown_answer = client.post(
        f"/en/park/{studios.pk}/tenants/", {"enterprise": 99999999, "present": "1"}, follow=True
    )
    hidden.refresh_from_db()
    assert hidden.park_id is None

    def message(response):
        return [str(m) for m in response.context["messages"]]

    # The same words for an unpublished record as for a number nobody has.
    assert message(hidden_answer) == message(unknown_answer) == ["No enterprise has that number."]


def test_the_tenant_service_refuses_an_enterprise_the_manager_cannot_see(
    cast, directory, newcomer_profile
):
    _newcomer, hidden = newcomer_profile
    with pytest.raises(ValidationError) as caught:
        services.park_tenant_set(
            park=directory["studios"], enterprise=hidden, by=cast["park_manager"], present=True
        )
    assert caught.value.messages == ["No enterprise has that number."]


# --- National staff oversee the whole country ---------------------------------------------


def test_national_staff_see_the_pending_records_that_city_staff_see(
    client, cast, directory, newcomer_profile
):
    _newcomer, hidden = newcomer_profile
    pending = DirectoryFilters(status="pending")
    for who in ("wuxi_staff", "jiangsu_staff", "national_staff"):
        listed = selectors.directory_list(user=cast[who], model=Enterprise, filters=pending)
        assert list(listed) == [hidden], who
    assert not selectors.directory_list(
        user=cast["dalian_staff"], model=Enterprise, filters=pending
    )

    api = client.get("/api/v1/enterprises?status=pending", **bearer(cast["national_staff"]))
    assert [row["id"] for row in api.json()["results"]] == [hidden.pk]
    client.force_login(cast["national_staff"])
    assert "Hidden Games Studio" in client.get("/en/enterprise/?q=Hidden").content.decode()
    response = client.get("/en/enterprise/export.csv?status=pending")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Hidden Games Studio" in export


def test_the_audit_trail_is_read_by_jurisdiction(cast, directory):
    def record_ids(who):
        return {event.record_id for event in audit_events(cast[who])}

    acme, rival, dalian = directory["acme"], directory["rival"], directory["dalian"]
    assert {str(acme.pk), str(rival.pk)} <= record_ids("wuxi_staff")
    assert str(dalian.pk) not in record_ids("wuxi_staff")
    # Binhu district (320211) holds Acme, not Rival (Xinwu, 320214).
    assert str(acme.pk) in record_ids("district")
    assert str(rival.pk) not in record_ids("district")
    assert {str(acme.pk), str(dalian.pk)} <= record_ids("national_staff")
    assert not record_ids("rep")


# --- A rejected profile goes back to the queue; a move reaches both regions ---------------


def test_an_edited_rejected_profile_returns_to_the_queue(cast, newcomer_profile):
    newcomer, record = newcomer_profile
    services.record_validate(record=record, by=cast["wuxi_staff"], approve=False, reason="Name?")
    assert record not in selectors.pending_records(cast["wuxi_staff"], Enterprise)

    services.record_update(record=record, by=newcomer, data={"name_zh_hans": "隐游戏工作室"})
    record.refresh_from_db()
    assert record.status == "pending"
    assert record in selectors.pending_records(cast["wuxi_staff"], Enterprise)
    services.record_validate(record=record, by=cast["wuxi_staff"], approve=True)
    record.refresh_from_db()
    assert record.status == "published"


def test_a_move_to_another_region_is_in_both_regions_queues(cast, directory):
    acme = directory["acme"]
    change = services.record_update(record=acme, by=cast["rep"], data={"region": "210202"})
    assert isinstance(change, ProfileChange)
    for who in ("wuxi_staff", "jiangsu_staff", "dalian_staff", "national_staff"):
        assert change in selectors.pending_changes(cast[who]), who
    assert change not in selectors.pending_changes(cast["rep"])
    # The origin's staff may decide it too; the record then lies in Dalian.
    services.change_decide(change=change, by=cast["wuxi_staff"], approve=True)
    acme.refresh_from_db()
    assert (acme.province_code, acme.prefecture_code) == ("210000", "210200")
    # The trail of the move is read by both regions' staff.
    moved = [e for e in audit_events(cast["dalian_staff"]) if e.record_id == str(acme.pk)]
    assert [e.action for e in moved][:1] == ["approve"]
    assert any(
        e.action == "approve"
        for e in audit_events(cast["wuxi_staff"])
        if e.record_id == str(acme.pk)
    )


def test_a_province_level_record_has_no_prefecture_and_is_found_by_province_staff(cast):
    record = services.record_create(
        model=Enterprise,
        by=cast["jiangsu_staff"],
        data={"name_en": "Jiangsu Publishing Group", "region": "320000", "category": "0241"},
    )
    assert (record.province_code, record.prefecture_code) == ("320000", "")
    found = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(region="320000")
    )
    assert record in found


def test_the_owner_of_a_rejected_profile_is_told_it_went_back_to_the_queue(
    client, cast, newcomer_profile
):
    newcomer, record = newcomer_profile
    services.record_validate(record=record, by=cast["wuxi_staff"], approve=False, reason="Name?")
    client.force_login(newcomer)
    response = client.post(
        f"/en/enterprise/{record.pk}/edit/",
        {"name_en": "Hidden Games Ltd", "region_code": "320211", "category_code": "0241"},
        follow=True,
    )
    assert "Centre staff will validate the profile." in response.content.decode()
    client.force_login(cast["wuxi_staff"])
    assert "Hidden Games Ltd" in client.get("/en/validation/").content.decode()
