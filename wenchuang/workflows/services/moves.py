"""Moving applications between stages: submit, withdraw, more information, staff moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts.roles import representatives
from wenchuang.core.audit import audit_record
from wenchuang.core.money import format_moment
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.transitions import changed_meanwhile, transition, version_of

from .. import formdef, permissions, verbs
from ..models import Application
from ..plugins import kind_of, run_on_enter
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


def _complete(current: Application) -> None:
    errors = formdef.check_answers(current.call.form, current.answers)
    if errors:
        raise ValidationError({key: message for key, message in errors})


def _guarded_updates(current: Application, target: str, note: str) -> dict[str, Any]:
    """What a move into `target` requires besides the table, and the columns it sets.

    Every path (the applicant's buttons, staff's, the API, a plug-in) goes through here, so
    a submit is never late or incomplete, whoever asks.
    """
    table = StageTable(current.stage_table)
    if current.stage == table.initial and target == "submitted":
        now = timezone.now()
        if now >= current.deadline:
            raise _deadline_refusal(current)
        _complete(current)
        return {"submitted_at": now}
    if target == "more_info":
        if not note.strip():
            raise ValidationError({"question": _("Say what the applicant should add.")})
        return {"info_request": note.strip()}
    if current.stage == "more_info" and target != "withdrawn":
        _complete(current)
    return {}


def _move(
    current: Application,
    target: str,
    *,
    by: Any,
    version: str | None,
    note: str = "",
    updates: dict[str, Any] | None = None,
) -> Application:
    """Check who may, the version and the stage's own rules; move; run the kind's hook."""
    workflow = StageTable(current.stage_table).workflow
    decision = workflow.check(by, current, target)
    if workflow.move(current.stage, target) is None:
        # Someone moved it meanwhile (the page showed an older stage), or no such move.
        _check_version(current, version)
        raise ValidationError(decision.reason)
    require(decision)
    _check_version(current, version)
    values = {**_guarded_updates(current, target, note), **(updates or {})}
    transition(
        current, workflow, target, by=by, expected=current.stage, note=note[:500], updates=values
    )
    run_on_enter(current, by)
    _tell_applicant(current, by, note)
    return current


def _tell_applicant(application: Application, by: Any, note: str) -> None:
    """The applicant's people hear of a submission (a receipt) and of every move made by
    someone else, in their own language, after the transaction commits."""
    kind = kind_of(application.call.programme.kind)
    if kind is not None and application.stage in kind.tells_applicant:
        return
    acted_for_applicant = bool(permissions.may_act_as_applicant(by, application))
    if application.stage == "submitted":
        event = "application_submitted"
    elif acted_for_applicant:
        return  # they withdrew or answered themselves
    else:
        event = "application_moved"
    notify(
        event,
        representatives(application.applicant_id),
        {"application": application, "note": note},
        link=reverse_lazy("workflows:application-detail", args=[application.pk]),
    )


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
    """Any move the application's stage table allows `by` (applicant, staff, a reviewer, the
    system: `by=None`), with the same rules as the named services below.

    `version` (from the page or the API's If-Match) refuses a move decided on a stale view;
    `note` is kept in the audit trail (and is the question when asking for more information).
    """
    return _move(locked(application), target, by=by, version=version, note=note, updates=updates)


@transaction.atomic
def submit(*, application: Application, by: Any, version: str | None = None) -> Application:
    """Submit a complete draft before the deadline; a second click finds it submitted."""
    current = locked(application)
    if current.stage == "submitted":
        # A double click: the first request submitted it; this one changes nothing.
        require(permissions.may_act_as_applicant(by, current))
        return current
    return _move(current, "submitted", by=by, version=version)


@transaction.atomic
def withdraw(
    *, application: Application, by: Any, version: str | None = None, reason: str = ""
) -> Application:
    return _move(locked(application), "withdrawn", by=by, version=version, note=reason)


@transaction.atomic
def request_more_info(
    *, application: Application, by: Any, question: str, version: str | None = None
) -> Application:
    """Staff ask the applicant for more; the application goes back to them to edit."""
    return _move(locked(application), "more_info", by=by, version=version, note=question or "")


@transaction.atomic
def answer_more_info(
    *, application: Application, by: Any, version: str | None = None
) -> Application:
    """The applicant sends the completed application back (to the stage that asked)."""
    current = locked(application)
    targets = StageTable(current.stage_table).workflow.next_states(current.stage)
    back = [t for t in targets if t != "withdrawn"]
    target = "screening" if "screening" in back else (back[0] if back else "screening")
    return _move(current, target, by=by, version=version)


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
