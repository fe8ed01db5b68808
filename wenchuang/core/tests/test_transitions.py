"""Transitions as data: the tables, one winner per race, stale edits refused (pages, API)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wenchuang.accounts.services import api_token_create
from wenchuang.core.audit import history_for
from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.core.transitions import Conflict, version_of
from wenchuang.directory import services
from wenchuang.directory.models import Enterprise
from wenchuang.directory.workflows import CHANGE_REVIEW, MEMBERSHIP, PUBLICATION


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# --- The tables --------------------------------------------------------------------------


def test_the_tables_say_where_each_state_may_go():
    assert set(PUBLICATION.next_states("pending")) == {"published", "rejected"}
    assert PUBLICATION.next_states("rejected") == ["pending"]
    assert CHANGE_REVIEW.next_states("approved") == []
    assert MEMBERSHIP.next_states("expelled") == []


def test_labels_and_refusals_speak_the_readers_language(db):
    move = PUBLICATION.move("pending", "rejected")
    with translation.override("zh-hans"):
        assert str(move.label) == "驳回"
    record = Enterprise(status="published")
    with translation.override("fr"):
        refusal = PUBLICATION.check(None, record, "rejected")
    assert refusal.reason == "Impossible de passer de « publié » à « rejeté »."


@pytest.mark.django_db
def test_who_may_move_comes_with_a_reason(cast, directory):
    change = services.record_update(
        record=directory["acme"], by=cast["rep"], data={"phone": "0510-7777777"}
    )
    assert CHANGE_REVIEW.check(cast["wuxi_staff"], change, "approved")
    refusal = CHANGE_REVIEW.check(cast["dalian_staff"], change, "approved")
    assert "outside your jurisdiction" in refusal.reason
    assert [m.target for m in CHANGE_REVIEW.allowed_moves(cast["rep"], change)] == []


# --- Sequential double clicks ------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_approve_of_the_same_change_writes_no_second_event(cast, directory):
    acme = directory["acme"]
    change = services.record_update(record=acme, by=cast["rep"], data={"phone": "0510-1"})
    stale_copy = type(change).objects.get(pk=change.pk)
    services.change_decide(change=change, by=cast["wuxi_staff"], approve=True)
    # The second click comes from the page shown before the first one was recorded.
    with pytest.raises(Conflict) as caught:
        services.change_decide(change=stale_copy, by=cast["jiangsu_staff"], approve=True)
    assert "changed meanwhile by wuxi_staff" in caught.value.messages[0]
    assert history_for(acme).filter(action="approve").count() == 1


@pytest.mark.django_db
def test_a_reject_after_an_approve_from_a_stale_queue_does_not_win(cast, directory):
    record = services.record_create(
        model=Enterprise,
        by=_newcomer(cast),
        data={"name_en": "Queue Race Ltd", "region": "320211", "category": "0241"},
    )
    stale_copy = Enterprise.objects.get(pk=record.pk)
    services.record_validate(record=record, by=cast["wuxi_staff"], approve=True)
    with pytest.raises(ValidationError):
        services.record_validate(
            record=stale_copy, by=cast["jiangsu_staff"], approve=False, reason="No"
        )
    record.refresh_from_db()
    assert record.status == "published"
    assert list(history_for(record).values_list("action", flat=True)) == ["approve", "create"]


def _newcomer(cast):
    from wenchuang.accounts.models import Organisation
    from wenchuang.accounts.services import user_create

    org = Organisation.objects.create(kind="enterprise", name_en="Race Co", region_id="320211")
    return user_create(
        username=f"racer{org.pk}", password="pw-racer", role="enterprise_rep", organisation=org
    )


# --- Stale forms -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_from_a_stale_page_is_refused_naming_who_changed_it(client, cast, directory):
    acme = directory["acme"]
    client.force_login(cast["wuxi_staff"])
    form = client.get(f"/en/enterprise/{acme.pk}/edit/").content.decode()
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    # Meanwhile a colleague at the provincial office renames it.
    services.record_update(record=acme, by=cast["jiangsu_staff"], data={"name_en": "Renamed"})

    response = client.post(
        f"/en/enterprise/{acme.pk}/edit/",
        {
            "name_en": "Mine",
            "region_code": "320211",
            "category_code": "0241",
            "version": version,
        },
    )
    assert response.status_code == 200
    assert "changed meanwhile by jiangsu_staff" in response.content.decode()
    acme.refresh_from_db()
    assert acme.name_en == "Renamed"


@pytest.mark.django_db
def test_the_api_answers_409_to_a_patch_based_on_an_old_version(client, cast, directory):
    acme = directory["acme"]
    auth = {**bearer(cast["wuxi_staff"]), "HTTP_ACCEPT_LANGUAGE": "en"}
    version = client.get(f"/api/v1/enterprises/{acme.pk}", **auth).json()["version"]
    assert version == version_of(acme)
    services.record_update(record=acme, by=cast["jiangsu_staff"], data={"name_en": "Renamed"})

    stale = client.patch(
        f"/api/v1/enterprises/{acme.pk}",
        {"name_en": "Mine"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{version}"',
        **auth,
    )
    assert stale.status_code == 409
    assert "changed meanwhile by jiangsu_staff" in stale.json()["detail"]
    fresh_version = client.get(f"/api/v1/enterprises/{acme.pk}", **auth).json()["version"]
    fresh = client.patch(
        f"/api/v1/enterprises/{acme.pk}",
        {"name_en": "Mine"},
        content_type="application/json",
        HTTP_IF_MATCH=fresh_version,
        **auth,
    )
    assert fresh.status_code == 200
    assert fresh.json()["name_en"] == "Mine"


# --- Two real connections at once (PostgreSQL) -------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_approve_writes_one_event(reference_data, cast, directory):
    acme = directory["acme"]
    change = services.record_update(record=acme, by=cast["rep"], data={"phone": "0510-2"})

    def approve():
        copy = type(change).objects.get(pk=change.pk)
        return services.change_decide(change=copy, by=cast["wuxi_staff"], approve=True)

    outcomes = at_once(approve, approve)
    assert sum(isinstance(o, Exception) for o in outcomes) == 1
    assert isinstance(next(o for o in outcomes if isinstance(o, Exception)), ValidationError)
    assert AuditEvent.objects.filter(record_id=str(acme.pk), action="approve").count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_approve_and_a_reject_at_once_cannot_both_win(reference_data, cast, directory):
    record = services.record_create(
        model=Enterprise,
        by=_newcomer(cast),
        data={"name_en": "Race Ltd", "region": "320211", "category": "0241"},
    )

    def decide(approve):
        def call():
            copy = Enterprise.objects.get(pk=record.pk)
            return services.record_validate(
                record=copy, by=cast["wuxi_staff"], approve=approve, reason="" if approve else "No"
            )

        return call

    outcomes = at_once(decide(True), decide(False))
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(winners) == 1
    record.refresh_from_db()
    assert record.status == winners[0].status
    decisions = AuditEvent.objects.filter(
        record_id=str(record.pk), action__in=["approve", "reject"]
    )
    assert decisions.count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_edits_from_the_same_form_version_one_is_refused(reference_data, cast, directory):
    acme = directory["acme"]
    version = version_of(acme)

    def edit(by, name):
        def call():
            copy = Enterprise.objects.get(pk=acme.pk)
            return services.record_update(
                record=copy, by=cast[by], data={"name_en": name}, version=version
            )

        return call

    outcomes = at_once(edit("wuxi_staff", "First"), edit("jiangsu_staff", "Second"))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict)
    acme.refresh_from_db()
    assert acme.name_en in {"First", "Second"}
    assert AuditEvent.objects.filter(record_id=str(acme.pk), action="update").count() == 1


@pytest.mark.django_db
def test_a_double_clicked_renewal_moves_the_date_one_year_only(cast, orgs, directory):
    import datetime

    from wenchuang.directory.models import AssociationMembership

    membership = AssociationMembership.objects.create(
        association=orgs["association"],
        member=orgs["acme"],
        enterprise=directory["acme"],
        membership_type="director",
        yearly_fee="5000.00",
        status="active",
        started_on=datetime.date(2025, 11, 1),
        renews_on=datetime.date(2026, 11, 1),
    )
    stale_copy = AssociationMembership.objects.get(pk=membership.pk)
    today = datetime.date(2026, 11, 21)
    services.membership_renew(membership=membership, by=cast["wuxi_staff"], today=today)
    with pytest.raises(Conflict):
        services.membership_renew(membership=stale_copy, by=cast["wuxi_staff"], today=today)
    membership.refresh_from_db()
    assert membership.renews_on == datetime.date(2027, 11, 21)
