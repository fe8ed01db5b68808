"""Association memberships: their life cycle and the renewal reminders the worker sends."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from wenchuang.core.models import AuditEvent
from wenchuang.directory import services
from wenchuang.directory.models import AssociationMembership
from wenchuang.directory.reminders import membership_upkeep, send_renewal_reminders

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def membership(orgs, directory):
    return AssociationMembership.objects.create(
        association=orgs["association"],
        member=orgs["acme"],
        enterprise=directory["acme"],
        membership_type="director",
        yearly_fee="5000.00",
    )


def test_applied_member_is_activated_for_a_year(cast, membership):
    services.membership_set_status(
        membership=membership, by=cast["wuxi_staff"], status="active", today=TODAY
    )
    assert membership.status == "active"
    assert membership.started_on == TODAY
    assert membership.renews_on == datetime.date(2027, 11, 21)


def test_impossible_transitions_are_refused_with_their_names(cast, membership):
    membership.status = "expelled"
    membership.save()
    with pytest.raises(ValidationError) as caught:
        services.membership_set_status(
            membership=membership, by=cast["wuxi_staff"], status="active"
        )
    assert "expelled" in str(caught.value) and "active" in str(caught.value)


def test_only_the_association_or_staff_manage_memberships(cast, membership):
    with pytest.raises(PermissionDenied):
        services.membership_set_status(membership=membership, by=cast["rep"], status="active")


def test_renewal_moves_the_date_a_year_and_reactivates_a_lapsed_member(cast, membership):
    membership.status = "lapsed"
    membership.renews_on = datetime.date(2026, 9, 1)
    membership.save()
    services.membership_renew(membership=membership, by=cast["wuxi_staff"], today=TODAY)
    assert membership.status == "active"
    assert membership.renews_on == datetime.date(2027, 11, 21)
    # The trail says what happened, in the reader's language.
    event = AuditEvent.objects.filter(record_id=str(membership.pk)).latest("id")
    assert event.action == "renew"
    with translation.override("fr"):
        assert event.action_label == "adhésion renouvelée"


def test_reminder_is_sent_once_a_month_before_renewal(
    cast, membership, django_capture_on_commit_callbacks
):
    # The member organisation's people get the reminder.
    assert {cast["rep"].email, cast["member"].email} == {"rep@example.cn", "member@example.cn"}
    membership.status = "active"
    membership.renews_on = TODAY + datetime.timedelta(days=20)
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_renewal_reminders(TODAY) == {"reminded": 1, "lapsed": 0}
    # One mail per person, each in their own language.
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.cn", "rep@example.cn"]
    assert str(membership.renews_on) in mail.outbox[0].subject
    # The next day's run does not send it again.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_renewal_reminders(TODAY + datetime.timedelta(days=1))["reminded"] == 0
    assert len(mail.outbox) == 2


def test_members_past_the_grace_period_lapse(membership):
    membership.status = "active"
    membership.renews_on = TODAY - datetime.timedelta(days=31)
    membership.save()
    assert send_renewal_reminders(TODAY) == {"reminded": 0, "lapsed": 1}
    membership.refresh_from_db()
    assert membership.status == "lapsed"
    event = AuditEvent.objects.filter(record_id=str(membership.pk)).latest("id")
    assert (event.action, event.actor) == ("lapse", None)


def test_the_background_task_runs_the_upkeep(membership):
    membership.status = "active"
    membership.renews_on = datetime.date.today() + datetime.timedelta(days=3)
    membership.save()
    result = membership_upkeep.enqueue()
    assert result.return_value == {"reminded": 1, "lapsed": 0}


def test_association_renews_a_member_from_the_members_page(client, cast, orgs, membership):
    from wenchuang.accounts.services import user_create

    secretary = user_create(
        username="secretary",
        password="x",
        role="association_member",
        organisation=orgs["association"],
    )
    due = datetime.date.today() + datetime.timedelta(days=10)
    membership.status = "active"
    membership.renews_on = due
    membership.save()
    client.force_login(secretary)
    page = client.get("/en/members/").content.decode()
    assert "CN¥5,000.00" in page and "Record renewal" in page
    client.post(f"/en/members/{membership.pk}/", {"action": "renew"})
    membership.refresh_from_db()
    assert membership.renews_on == services._one_year_after(due)


def test_visitors_see_only_active_members_and_no_fees(client, membership):
    listed = client.get("/en/members/").content.decode()
    assert "Acme Animation" not in listed  # still an applicant
    membership.status = "active"
    membership.save()
    listed = client.get("/en/members/").content.decode()
    assert "Acme Animation" in listed and "5,000.00" not in listed


def test_other_members_cannot_change_a_membership(client, cast, membership):
    client.force_login(cast["rep"])
    client.post(f"/en/members/{membership.pk}/", {"action": "activate"})
    membership.refresh_from_db()
    assert membership.status == "applied"
