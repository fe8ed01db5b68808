"""Beginning and editing applications: drafts, answers with their version, co-applicants."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record, field_changes
from wenchuang.core.files import DOCUMENT_TYPES, file_store, files_of
from wenchuang.core.money import format_moment
from wenchuang.core.permissions import deny, require
from wenchuang.core.regions import place
from wenchuang.reference.models import IndustryCategory

from .. import eligibility, formdef, permissions
from ..models import Application, Call
from ..stages import StageTable
from .moves import _check_version, locked

EDITABLE = ("title", "amount_requested_amount", "classification_id")


def _not_open(call: Call) -> ValidationError:
    return ValidationError(
        _("This call takes applications from %(opens)s to %(closes)s (Beijing time).")
        % {"opens": format_moment(call.opens_at), "closes": format_moment(call.closes_at)},
        code="not_open",
    )


@transaction.atomic
def create_draft(
    *,
    call: Call,
    applicant: Any,
    by: Any,
    title: str = "",
    classification: Any = None,
    amount_requested: Any = None,
    subject: Any = None,
) -> Application:
    """Begin an application for `applicant` if it is eligible and the call open."""
    require(permissions.may_apply(by, getattr(applicant, "pk", None)))
    if not call.is_open():
        raise _not_open(call)
    if applicant.region_id is None:
        raise ValidationError(_("Give your organisation's region in its profile first."))
    if isinstance(classification, str):
        classification = IndustryCategory.objects.filter(code=classification).first()
        if classification is None:
            raise ValidationError(
                {"classification": _("Choose a class of the 2018 classification.")}
            )
    reasons = eligibility.refusals(call, applicant, classification)
    if reasons:
        raise ValidationError(reasons, code="ineligible")
    table = copy.deepcopy(call.stages)
    application = Application(
        call=call,
        applicant=applicant,
        created_by=by,
        title=(title or "").strip()[:200],
        stage=StageTable(table).initial,
        stage_table=table,
        classification=classification,
        amount_requested_amount=amount_requested,
    )
    if call.budget_currency_id:
        application.amount_requested_currency_id = call.budget_currency_id
    if subject is not None:
        application.subject_type = ContentType.objects.get_for_model(type(subject))
        application.subject_id = str(subject.pk)
    place(application, applicant.region)
    application.full_clean(exclude=["stage_table", "answers", "call", "applicant", "region"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(
            _("This organisation already has an application to this call."), code="duplicate"
        ) from None
    audit_record(actor=by, action="create", instance=application)
    return application


@transaction.atomic
def edit_draft(
    *,
    application: Application,
    by: Any,
    version: str | None,
    answers: dict[str, Any] | None = None,
    uploads: dict[str, Any] | None = None,
    **fields: Any,
) -> Application:
    """Save answers and details while the stage lets the applicant edit; a stale form is refused.

    `uploads` are files for the form's file fields (checked by content and size through
    core.files; the answer becomes the stored file's id). `fields` are among title,
    amount_requested_amount, classification_id.
    """
    current = locked(application)
    require(permissions.may_act_as_applicant(by, current))
    if not StageTable(current.stage_table).applicant_edits(current.stage):
        raise PermissionDenied(
            _("The application is at the stage “%(stage)s”; it can no longer be changed.")
            % {"stage": current.stage_label}
        )
    _check_version(current, version)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    new_values = dict(fields)
    if uploads:
        answers = {**(current.answers if answers is None else answers)}
        answers.update(_store_uploads(current, uploads, by))
    if answers is not None:
        _check_own_files(current, answers)
        errors = formdef.check_answers(current.call.form, answers, complete=False)
        if errors:
            raise ValidationError({key: message for key, message in errors})
        form = current.call.form
        new_values["answers"] = formdef.visible_answers(form, formdef.normalised(form, answers))
    changes = field_changes(current, new_values)
    for name, value in new_values.items():
        setattr(current, name, value)
    current.full_clean(exclude=["stage_table", "answers", "call", "applicant", "region"])
    current.save()
    if changes:
        audit_record(actor=by, action="update", instance=current, changes=changes)
    return current


def _store_uploads(current: Application, uploads: dict[str, Any], by: Any) -> dict[str, int]:
    fields = {f["key"]: f for _s, f in formdef.fields_of(current.call.form)}
    stored: dict[str, int] = {}
    for key, upload in uploads.items():
        field = fields.get(key)
        if field is None or field["type"] != "file":
            raise ValidationError({key: _("The form has no file field %(key)s.") % {"key": key}})
        try:
            kept = file_store(
                upload=upload,
                owner=current,
                by=by,
                accept=frozenset(field.get("accept") or DOCUMENT_TYPES),
                max_bytes=field.get("max_size"),
            )
        except ValidationError as error:
            raise ValidationError({key: error.messages}) from None
        stored[key] = kept.pk
    return stored


def _check_own_files(current: Application, answers: dict[str, Any]) -> None:
    """A file answer must name a file attached to this application, not someone else's."""
    fields = {f["key"] for _s, f in formdef.fields_of(current.call.form) if f["type"] == "file"}
    named = {key: answers[key] for key in fields if isinstance(answers.get(key), int)}
    if not named:
        return
    own = set(files_of(current).filter(pk__in=named.values()).values_list("pk", flat=True))
    for key, pk in named.items():
        if pk not in own:
            raise ValidationError({key: _("Attach the file to this application first.")})


def _co_applicant_check(current: Application, by: Any) -> None:
    require(permissions.may_act_as_applicant(by, current))
    if not StageTable(current.stage_table).applicant_edits(current.stage):
        require(deny(_("Co-applicants can be changed only while the application is a draft.")))


@transaction.atomic
def co_applicant_add(*, application: Application, organisation: Any, by: Any) -> Application:
    current = locked(application)
    _co_applicant_check(current, by)
    if organisation.pk == current.applicant_id:
        raise ValidationError(_("The applicant cannot also be its own co-applicant."))
    current.co_applicants.add(organisation)
    current.save(update_fields=["updated_at"])
    audit_record(
        actor=by,
        action="update",
        instance=current,
        changes={"co_applicants": [None, organisation.pk]},
    )
    return current


@transaction.atomic
def co_applicant_remove(*, application: Application, organisation: Any, by: Any) -> Application:
    current = locked(application)
    _co_applicant_check(current, by)
    current.co_applicants.remove(organisation)
    current.save(update_fields=["updated_at"])
    audit_record(
        actor=by,
        action="update",
        instance=current,
        changes={"co_applicants": [organisation.pk, None]},
    )
    return current
