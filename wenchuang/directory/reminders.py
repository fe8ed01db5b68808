"""Association membership upkeep run by the worker: renewal reminders and lapsing unpaid members."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from wenchuang.accounts import roles
from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.scheduling import register_periodic
from wenchuang.core.verbs import register_verb

from .models import AssociationMembership
from .workflows import LAPSE

REMIND = register_verb("remind", _("renewal reminder sent"))

REMIND_DAYS_BEFORE = 30
# Members keep their status for a grace period after the renewal date before they lapse.
GRACE_DAYS = 30


def _recipients(membership: AssociationMembership):
    return roles.representatives(membership.member_id)


@transaction.atomic
def send_renewal_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Remind the people of members whose renewal is near; lapse members past the grace period.

    The reminders go through `notify`, so the mails leave after this transaction commits and a
    mail server's refusal cannot undo the "reminder sent" marks.
    """
    today = today or timezone.localdate()
    due = AssociationMembership.objects.select_related("association", "member").filter(
        status=AssociationMembership.Status.ACTIVE,
        renews_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        renews_on__gte=today,
    )
    sent = 0
    for membership in due.select_for_update(of=("self",)):
        if membership.reminder_sent_for == membership.renews_on:
            continue
        recipients = list(_recipients(membership))
        notify(
            "membership_renewal_due",
            recipients,
            {"membership": membership},
            link=reverse_lazy("directory:memberships"),
        )
        membership.reminder_sent_for = membership.renews_on
        membership.save(update_fields=["reminder_sent_for"])
        audit_record(
            actor=None,
            action=REMIND,
            instance=membership,
            note=f"renewal reminder for {membership.renews_on} to {len(recipients)} user(s)",
        )
        sent += 1
    lapsed = 0
    overdue = AssociationMembership.objects.filter(
        status=AssociationMembership.Status.ACTIVE,
        renews_on__lt=today - datetime.timedelta(days=GRACE_DAYS),
    )
    for membership in overdue.select_for_update():
        membership.status = AssociationMembership.Status.LAPSED
        membership.save(update_fields=["status"])
        audit_record(
            actor=None,
            action=LAPSE,
            instance=membership,
            changes={"status": ["active", "lapsed"]},
        )
        lapsed += 1
    return {"reminded": sent, "lapsed": lapsed}


@task()
def membership_upkeep() -> dict[str, int]:
    """Daily: remind members whose renewal is near, lapse those past the grace period."""
    return send_renewal_reminders()


# The worker runs it daily (see wenchuang/core/scheduling.py).
register_periodic("membership_upkeep", every=datetime.timedelta(days=1), run=send_renewal_reminders)
