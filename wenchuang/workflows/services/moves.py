"""Moving applications between stages: submit, withdraw, more information, staff moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.money import format_moment
from wenchuang.core.permissions import require
from wenchuang.core.transitions import changed_meanwhile, transition, version_of

from .. import formdef, permissions, verbs
from ..models import Application
from ..plugins import run_on_enter
from ..stages import StageTable


def locked(application: Application) -> Application:
    """The application's row, locked until the transaction ends (the last word on its stage)."""
    return (
        Application.objects.select_for_update()
        .select_related("call__programme")
        .get(pk=application.pk)
    )


def _check_version(current: Application, version: str | None) -> None:
    if version is not None and str(version) != version_of(current):
        raise changed_meanwhile(current)


def _move(
    current: Application,
    target: str,
    *,
    by: Any,
    note: str = "",
    updates: dict[str, Any] | None = None,
) -> Application:
    """Move through the application's own stage table, then run the kind's hook for the stage."""
    workflow = StageTable(current.stage_table).workflow
    transition(current, workflow, target, by=by, expected=current.stage, note=note, updates=updates)
    run_on_enter(current, by)
    return current


@transaction.atomic
def move_stage(
    *,
    application: Application,
    target: str,
    by: Any,
    version: str | None = None,
    note: str = "",
    updates: dict[str, Any] | None = None,
) -> Application:
    """Any move the application's stage table allows `by` (staff, a reviewer, the system).

    `version` (from the page or the API's If-Match) refuses a move decided on a stale view.
    """
    current = locked(application)
    require(StageTable(current.stage_table).workflow.check(by, current, target))
    _check_version(current, version)
    return _move(current, target, by=by, note=note, updates=updates)


def _deadline_refusal(application: Application) -> ValidationError:
    moment = format_moment(application.deadline)
    return ValidationError(
        _(
            "Submissions to this call closed at %(deadline)s (Beijing time); "
            "ask the centre for an extension if you need one."
        )
        % {"deadline": moment},
        code="late",
    )


@transaction.atomic
def submit(*, application: Application, by: Any, version: str | None = None) -> Application:
    """Submit a complete draft before the deadline; a second click finds it submitted."""
    current = locked(application)
    if current.stage == "submitted":
        # A double click: the first request submitted it; this one changes nothing.
        require(permissions.may_act_as_applicant(by, current))
        return current
    require(StageTable(current.stage_table).workflow.check(by, current, "submitted"))
    _check_version(current, version)
    now = timezone.now()
    if now >= current.deadline:
        raise _deadline_refusal(current)
    errors = formdef.check_answers(current.call.form, current.answers)
    if errors:
        raise ValidationError({key: message for key, message in errors})
    return _move(current, "submitted", by=by, updates={"submitted_at": now})


@transaction.atomic
def withdraw(
    *, application: Application, by: Any, version: str | None = None, reason: str = ""
) -> Application:
    current = locked(application)
    require(StageTable(current.stage_table).workflow.check(by, current, "withdrawn"))
    _check_version(current, version)
    return _move(current, "withdrawn", by=by, note=reason)


@transaction.atomic
def request_more_info(
    *, application: Application, by: Any, question: str, version: str | None = None
) -> Application:
    """Staff ask the applicant for more; the application goes back to them to edit."""
    current = locked(application)
    require(StageTable(current.stage_table).workflow.check(by, current, "more_info"))
    _check_version(current, version)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": _("Say what the applicant should add.")})
    return _move(
        current, "more_info", by=by, note=question[:500], updates={"info_request": question}
    )


@transaction.atomic
def answer_more_info(
    *, application: Application, by: Any, version: str | None = None
) -> Application:
    """The applicant sends the completed application back (to the stage that asked)."""
    current = locked(application)
    workflow = StageTable(current.stage_table).workflow
    targets = workflow.next_states(current.stage)
    target = "screening" if "screening" in targets else (targets[0] if targets else "screening")
    require(workflow.check(by, current, target))
    _check_version(current, version)
    errors = formdef.check_answers(current.call.form, current.answers)
    if errors:
        raise ValidationError({key: message for key, message in errors})
    return _move(current, target, by=by)


@transaction.atomic
def grant_extension(
    *, application: Application, by: Any, until: dt.datetime, reason: str = ""
) -> Application:
    """Staff give one applicant until `until` to submit (later than the call's close)."""
    current = locked(application)
    require(permissions.may_act_as_staff(by, current))
    if timezone.is_naive(until):
        until = timezone.make_aware(until)
    if until <= current.call.closes_at or until <= timezone.now():
        raise ValidationError(
            {"until": _("An extension ends after the call closes and in the future.")}
        )
    if current.submitted_at is not None:
        raise ValidationError(_("This application has already been submitted."))
    before = current.extended_until
    Application.objects.filter(pk=current.pk).update(
        extended_until=until, updated_at=timezone.now()
    )
    current.refresh_from_db()
    audit_record(
        actor=by,
        action=verbs.EXTEND,
        instance=current,
        changes={"extended_until": [before, until]},
        note=reason,
    )
    return current
