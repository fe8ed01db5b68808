"""Association membership upkeep run by the worker: renewal reminders and lapsing unpaid members."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from wenchuang.core.audit import audit_record

from .models import AssociationMembership

REMIND_DAYS_BEFORE = 30
# Members keep their status for a grace period after the renewal date before they lapse.
GRACE_DAYS = 30


def _recipients(membership: AssociationMembership) -> list[str]:
    return [u.email for u in membership.member.users.filter(is_active=True) if u.email]


@transaction.atomic
def send_renewal_reminders(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    due = AssociationMembership.objects.select_related("association", "member").filter(
        status=AssociationMembership.Status.ACTIVE,
        renews_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        renews_on__gte=today,
    )
    sent = 0
    for membership in due.select_for_update():
        if membership.reminder_sent_for == membership.renews_on:
            continue
        recipients = _recipients(membership)
        if recipients:
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    _("Membership renewal due on %(date)s") % {"date": membership.renews_on},
                    _(
                        "Your membership of %(association)s is due for renewal on %(date)s. "
                        "The yearly fee is %(fee)s %(currency)s."
                    )
                    % {
                        "association": membership.association,
                        "date": membership.renews_on,
                        "fee": membership.yearly_fee,
                        "currency": membership.currency_id,
                    },
                    None,
                    recipients,
                )
        membership.reminder_sent_for = membership.renews_on
        membership.save(update_fields=["reminder_sent_for"])
        audit_record(
            actor=None,
            action="update",
            instance=membership,
            note=f"renewal reminder for {membership.renews_on} to {len(recipients)} address(es)",
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
            action="update",
            instance=membership,
            changes={"status": ["active", "lapsed"]},
        )
        lapsed += 1
    return {"reminded": sent, "lapsed": lapsed}


@task()
def membership_upkeep() -> dict[str, int]:
    """Daily: remind members whose renewal is near, lapse those past the grace period."""
    return send_renewal_reminders()
