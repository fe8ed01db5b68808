"""Notifications: sent after commit, in each recipient's language, listed with an unread count."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from wenchuang.core.models import Notification
from wenchuang.directory.reminders import send_renewal_reminders

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


class RefusesOneAddressBackend(BaseEmailBackend):
    """A mail server that refuses mail to one address and delivers the rest (to the outbox)."""

    refused = "rep@example.cn"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise ConnectionRefusedError("550 mailbox unavailable")
        return LocmemBackend().send_messages(messages)


@pytest.fixture
def due_membership(membership_renewing_on):
    return membership_renewing_on(TODAY + datetime.timedelta(days=20))


def test_no_mail_leaves_before_the_transaction_commits(
    due_membership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_renewal_reminders(TODAY)
        assert mail.outbox == []
    assert mail.outbox == []
    # The mails wait for the commit (beside other after-commit work, such as generations).
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2


def test_each_recipient_reads_the_reminder_in_their_own_language(
    cast, due_membership, django_capture_on_commit_callbacks
):
    cast["rep"].language = "fr"
    cast["rep"].save()
    cast["member"].language = "de"
    cast["member"].save()
    with django_capture_on_commit_callbacks(execute=True):
        send_renewal_reminders(TODAY)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Renouvellement de l'adhésion" in by_address["rep@example.cn"].subject
    assert "Wuxi Cultural Industry Association" in by_address["rep@example.cn"].body
    assert "2026-12-11" in by_address["member@example.cn"].subject
    assert "Mitgliedschaft" in by_address["member@example.cn"].subject
    # Amounts and dates in the body read as the recipient writes them.
    assert "5\u202f000,00\u00a0CNY" in by_address["rep@example.cn"].body
    assert "11 déc. 2026" in by_address["rep@example.cn"].body
    assert "5.000,00\u00a0CN¥" in by_address["member@example.cn"].body
    # The in-app copy is in the same language and links to the page in that language.
    note = Notification.objects.get(recipient=cast["rep"])
    assert note.language == "fr" and note.subject == by_address["rep@example.cn"].subject
    assert note.link == "/fr/members/"


def test_a_refused_mail_keeps_the_reminder_marks_and_the_other_mails(
    cast, due_membership, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOneAddressBackend"
    with django_capture_on_commit_callbacks(execute=True):
        result = send_renewal_reminders(TODAY)
    assert result["reminded"] == 1
    due_membership.refresh_from_db()
    assert due_membership.reminder_sent_for == due_membership.renews_on
    assert [m.to for m in mail.outbox] == [["member@example.cn"]]
    refused = Notification.objects.get(recipient=cast["rep"])
    assert refused.emailed_at is None and "550" in refused.email_error
    assert Notification.objects.get(recipient=cast["member"]).emailed_at is not None


def test_the_header_counts_unread_notifications_and_the_list_marks_them_read(
    client, cast, due_membership, django_capture_on_commit_callbacks
):
    cast["rep"].language = "en"
    cast["rep"].save()
    with django_capture_on_commit_callbacks(execute=True):
        send_renewal_reminders(TODAY)
    client.force_login(cast["rep"])
    page = client.get("/en/members/").content.decode()
    assert "/en/notifications/badge/" in page
    badge = client.get("/en/notifications/badge/").content.decode()
    assert ">1</span>" in badge
    listing = client.get("/en/notifications/").content.decode()
    assert "Membership renewal due on 2026-12-11" in listing
    client.post("/en/notifications/read/")
    assert ">1</span>" not in client.get("/en/notifications/badge/").content.decode()


def test_nobody_reads_another_users_notifications(
    client, cast, due_membership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_renewal_reminders(TODAY)
    client.force_login(cast["rival_rep"])
    assert "Membership renewal" not in client.get("/en/notifications/").content.decode()
    client.logout()
    assert client.get("/en/notifications/").status_code == 302


def test_the_language_a_user_chooses_is_the_language_of_their_mail(client, cast):
    client.force_login(cast["rep"])
    client.post("/i18n/setlang/", {"language": "de", "next": "/en/"})
    cast["rep"].refresh_from_db()
    assert cast["rep"].language == "de"
