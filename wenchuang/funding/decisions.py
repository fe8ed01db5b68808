"""Deciding a fund's applications: one or a batch, within the call's budget, applicants told.

Approving moves the application with the engine (`workflows.services.move_stage`, which runs
`core.transitions.transition`), and entering `approved` creates the award (`create_award`,
the kind's hook, in the same transaction). The budget check locks the call's row, so two
deciders approving at once are served one after the other and the second sees the first's
award: a call never awards more than its budget.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.money import Money
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import ALLOW, Decision, deny, require
from wenchuang.workflows.models import Application, Call
from wenchuang.workflows.services import move_stage

from . import services
from .applications import follow_award
from .models import Award

# Amounts granted below the amount requested, by application id, while a decision runs.
_granted: ContextVar[Mapping[int, Money] | None] = ContextVar("funding_granted", default=None)


@contextlib.contextmanager
def granting(amounts: Mapping[int, Money]) -> Iterator[None]:
    token = _granted.set(amounts)
    try:
        yield
    finally:
        _granted.reset(token)


def committed(call: Call) -> Decimal:
    """What the call has awarded so far (every award made from its applications)."""
    total = Award.objects.filter(application__call=call).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def budget_left(call: Call) -> Money | None:
    """The call's budget less what it has awarded; None for a call without a budget."""
    if call.budget_amount is None:
        return None
    return Money(call.budget_amount - committed(call), str(call.budget_currency_id))


def can_decide(user: Any, application: Application) -> Decision:
    """Centre staff over the applicant's region decide on a fund's applications."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as centre staff to decide on applications."))
    if user.is_superuser or roles.acts_as_staff_for(user, application.region_id, Role.CENTRE_STAFF):
        return ALLOW
    return deny(_("Only centre staff of the applicant's region decide on this application."))


def _final_report_due(application: Application) -> datetime.date:
    """Three months after the project's planned end (a year from now if it gives none)."""
    end = (application.answers or {}).get("end")
    try:
        return datetime.date.fromisoformat(str(end)) + datetime.timedelta(days=90)
    except ValueError:
        return timezone.localdate() + datetime.timedelta(days=365)


def create_award(application: Application, by: Any) -> Award:
    """The kind's hook for `approved`: the award, within what is left of the call's budget."""
    # Our own lock on the call: the engine's lock of the application happens to lock its
    # call too (a join in select_for_update), but the budget must not hang on that.
    call = Call.objects.select_for_update().get(pk=application.call_id)
    amount = (_granted.get() or {}).get(application.pk) or application.amount_requested
    if amount is None:
        raise ValidationError(
            _("“%(application)s” requests no amount; nothing can be awarded.")
            % {"application": application}
        )
    left = budget_left(call)
    if left is not None:
        if left.currency != amount.currency:
            raise ValidationError(
                _("“%(application)s” is in %(currency)s; the call's budget is in %(budget)s.")
                % {"application": application, "currency": amount.currency, "budget": left.currency}
            )
        if left < amount:
            raise ValidationError(
                _(
                    "“%(application)s”: awarding %(amount)s would exceed what is left of the "
                    "call's budget (%(left)s)."
                )
                % {"application": application, "amount": amount.format(), "left": left.format()}
            )
    return services.award_create(
        by=by,
        recipient=application.applicant,
        project=application.title or str(application),
        amount=amount,
        final_report_due_on=_final_report_due(application),
        region=application.region,
        application=application,
    )


def _tell_applicant(application: Application, approved: bool, note: str) -> None:
    award = Award.objects.filter(application=application).first() if approved else None
    notify(
        "funding_application_decided",
        roles.representatives(application.applicant_id),
        {"application": application, "approved": approved, "award": award, "note": note},
        link=reverse_lazy("funding:award-detail", args=[award.pk]) if award else "",
    )


@transaction.atomic
def application_decide(
    *,
    application: Application,
    by: Any,
    approve: bool,
    amount: Money | None = None,
    note: str = "",
    version: str | None = None,
) -> Application:
    """Approve (creating the award, within the budget) or reject one application."""
    require(can_decide(by, application))
    if amount is not None and approve:
        requested = application.amount_requested
        if requested is not None and requested < amount:
            raise ValidationError(
                {"amount": _("The amount granted cannot exceed the amount requested.")}
            )
    target = "approved" if approve else "rejected"
    with granting({application.pk: amount} if amount is not None else {}):
        application = move_stage(
            application=application, target=target, by=by, version=version, note=note
        )
    if approve:
        award = Award.objects.get(application=application)
        follow_award(award)
        application.refresh_from_db()
    _tell_applicant(application, approve, note)
    return application


@dataclass(frozen=True)
class Outcome:
    application: Application
    decided: bool
    message: str = ""


def decide_batch(
    *,
    applications: Iterable[Application],
    by: Any,
    approve: bool,
    amounts: Mapping[int, Money] | None = None,
    note: str = "",
) -> list[Outcome]:
    """Decide several applications the same way, each in its own transaction.

    One that cannot be decided (moved meanwhile, over the budget, not the staff member's)
    is reported with its name and reason; the others are decided all the same, in the
    order given (so the budget goes to the first ones).
    """
    outcomes = []
    for application in applications:
        try:
            decided = application_decide(
                application=application,
                by=by,
                approve=approve,
                amount=(amounts or {}).get(application.pk),
                note=note,
            )
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", None) or [str(error)])
            outcomes.append(Outcome(application, False, f"{application}: {reason}"))
        else:
            outcomes.append(Outcome(decided, True))
    return outcomes
