"""Writes on awards: creation, tranches, the agreement, payments, staff moves.

Each use case is one function in one transaction, permission first (through the workflow
tables or `permissions`), audit row last; recipients hear of what concerns them in their
own language, after commit (core.notifications).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.core.audit import audit_record
from wenchuang.core.money import Money
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of

from .. import permissions
from ..applications import follow_award
from ..models import Award, Tranche, UseReport
from ..workflows import AWARD, PAY, SET_TRANCHES


def recipients_of(award: Award):
    """The people told of what happens to an award: its recipient's representatives."""
    return roles.representatives(award.recipient_id, *permissions.RECIPIENT_ROLES)


def award_link(award: Award):
    return reverse_lazy("funding:award-detail", args=[award.pk])


def locked(model, obj, version: str | None):
    """The row locked for this write; refused when a stale form's version is older."""
    current = model.objects.select_for_update().get(pk=obj.pk)
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    return current


def _clean_tranches(award: Award, tranches: Iterable[Mapping[str, Any]]) -> list[Tranche]:
    rows = []
    for position, data in enumerate(tranches, start=1):
        fields: dict[str, Any] = {
            "position": position,
            "milestone": str(data.get("milestone", "")).strip(),
            "amount": data.get("amount"),
            "due_on": data.get("due_on"),
            "needs_report": bool(data.get("needs_report", True)),
        }
        tranche = Tranche(award=award, **fields)
        try:
            tranche.full_clean(exclude=["award"], validate_unique=False)
        except ValidationError as error:
            raise ValidationError(
                {
                    "tranches": _("Tranche %(number)d: %(problem)s")
                    % {"number": position, "problem": " ".join(error.messages)}
                }
            ) from None
        tranche.amount = Decimal(tranche.amount)
        rows.append(tranche)
    if not rows:
        raise ValidationError({"tranches": _("An award is paid in at least one tranche.")})
    total = sum((t.amount for t in rows), Decimal(0))
    if total != award.amount:
        raise ValidationError(
            {
                "tranches": _("The tranches add up to %(total)s but the award is %(amount)s.")
                % {
                    "total": Money(total, str(award.currency_id)).format(),
                    "amount": award.money.format(),
                }
            }
        )
    return rows


@transaction.atomic
def award_create(
    *,
    by: Any,
    recipient: Any,
    project: str,
    amount: Money,
    final_report_due_on: datetime.date,
    tranches: Iterable[Mapping[str, Any]] = (),
    region: Any = None,
    **links: Any,
) -> Award:
    """A new award to `recipient`, placed in its region, awaiting the agreement.

    `links` are further columns set on creation (the application it comes from).
    """
    award = Award(
        project=project,
        recipient=recipient,
        amount=amount.amount,
        currency_id=amount.currency,
        final_report_due_on=final_report_due_on,
        created_by=by if getattr(by, "pk", None) else None,
        **links,
    )
    place(award, region or recipient.region)
    require(permissions.can_manage_award(by, award))
    award.full_clean(exclude=["recipient", "region", "currency", "created_by"])
    award.save()
    audit_record(actor=by, action="create", instance=award)
    tranches = list(tranches)
    if tranches:
        tranches_set(award=award, by=by, tranches=tranches)
    return award


@transaction.atomic
def tranches_set(
    *, award: Award, by: Any, tranches: Iterable[Mapping[str, Any]], version: str | None = None
) -> list[Tranche]:
    """Set the payment plan before the agreement: tranches that add up to the award.

    Each tranche that needs a report gets its progress report to be sent by its due date;
    the award gets its final report.
    """
    require(permissions.can_manage_award(by, award))
    award = locked(Award, award, version)
    if award.status != Award.Status.AGREEMENT:
        raise ValidationError(
            {"tranches": _("The tranches are fixed once the agreement has been signed.")}
        )
    rows = _clean_tranches(award, tranches)
    award.tranches.all().delete()  # their progress reports go with them
    Tranche.objects.bulk_create(rows)
    saved = list(award.tranches.order_by("position"))
    placement = {
        "region_id": award.region_id,
        "province_code": award.province_code,
        "prefecture_code": award.prefecture_code,
    }
    UseReport.objects.bulk_create(
        UseReport(
            award=award, tranche=t, kind=UseReport.Kind.PROGRESS, due_on=t.due_on, **placement
        )
        for t in saved
        if t.needs_report
    )
    UseReport.objects.update_or_create(
        award=award,
        kind=UseReport.Kind.FINAL,
        defaults={"due_on": award.final_report_due_on, **placement},
    )
    Award.objects.filter(pk=award.pk).update(updated_at=timezone.now())
    audit_record(
        actor=by,
        action=SET_TRANCHES,
        instance=award,
        changes={"tranches": [[t.milestone, str(t.amount), t.due_on.isoformat()] for t in saved]},
    )
    return saved


@transaction.atomic
def agreement_sign(
    *, award: Award, by: Any, signed_on: datetime.date | None = None, version: str | None = None
) -> Award:
    """Record the signed agreement: the award moves on to its payments."""
    require(permissions.can_sign(by, award))
    award = locked(Award, award, version)
    transition(
        award,
        AWARD,
        Award.Status.PAYMENTS,
        by=by,
        expected=Award.Status.AGREEMENT,
        updates={"agreement_signed_on": signed_on or timezone.localdate()},
    )
    follow_award(award)
    notify(
        "funding_agreement_signed", recipients_of(award), {"award": award}, link=award_link(award)
    )
    return award


@transaction.atomic
def tranche_pay(*, tranche: Tranche, by: Any, paid_on: datetime.date | None = None) -> Tranche:
    """Pay one tranche (once its milestone's report is accepted); the last one ends the payments."""
    # One payment of an award at a time: two clerks paying its last two tranches at once
    # would otherwise each think the other's is still unpaid.
    award = Award.objects.select_for_update().get(pk=tranche.award_id)
    tranche = Tranche.objects.select_related("award").get(pk=tranche.pk)
    require(permissions.can_pay(by, tranche))
    paid_on = paid_on or timezone.localdate()
    if not Tranche.objects.filter(pk=tranche.pk, paid_on__isnull=True).update(
        paid_on=paid_on, paid_by=by
    ):
        raise changed_meanwhile(award)
    tranche.paid_on, tranche.paid_by = paid_on, by
    audit_record(
        actor=by,
        action=PAY,
        instance=award,
        changes={"tranche": tranche.position, "amount": str(tranche.amount), "paid_on": paid_on},
    )
    if not award.tranches.filter(paid_on__isnull=True).exists():
        transition(award, AWARD, Award.Status.REPORTING, by=by, expected=Award.Status.PAYMENTS)
        follow_award(award)
    else:
        Award.objects.filter(pk=award.pk).update(updated_at=timezone.now())
    notify(
        "funding_tranche_paid",
        recipients_of(award),
        {"award": award, "tranche": tranche},
        link=award_link(award),
    )
    return tranche


# Staff moves on an award outside the reports: stop it, ask for the money back, record it.
AWARD_ACTIONS = {
    "stop": Award.Status.STOPPED,
    "claim": Award.Status.REPAYMENT,
    "repaid": Award.Status.CLOSED,
}


@transaction.atomic
def award_move(
    *, award: Award, by: Any, action: str, note: str = "", version: str | None = None
) -> Award:
    """Stop the funding, ask for repayment, or record the repayment (closing the award)."""
    require(permissions.can_manage_award(by, award))
    if action not in AWARD_ACTIONS:
        raise ValidationError({"action": _("Unknown action.")})
    if action in ("stop", "claim") and not note.strip():
        raise ValidationError({"note": _("Give the reason.")})
    award = locked(Award, award, version)
    transition(award, AWARD, AWARD_ACTIONS[action], by=by, note=note)
    follow_award(award)
    notify(
        "funding_award_changed",
        recipients_of(award),
        {"award": award, "note": note},
        link=award_link(award),
    )
    return award
