"""The pipeline: leads moving from prospect to landed, and the agreements signed on them."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.files import DOCUMENT_TYPES, file_store
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
from wenchuang.directory.models import Investor

from .. import permissions
from ..models import Agreement, Lead, LeadStageLog, Project
from ..workflows import LEAD
from . import codes
from .projects import _decimal


def _already() -> ValidationError:
    return ValidationError({"investor": _("This investor is already a lead of this project.")})


def _log_stage(lead: Lead, stage: str, on: datetime.date, by: Any) -> None:
    LeadStageLog.objects.filter(lead=lead, left_on=None).update(left_on=on)
    LeadStageLog.objects.create(lead=lead, stage=stage, entered_on=on, by=by)


@transaction.atomic
def lead_create(
    *,
    project: Project,
    investor: Investor,
    by: Any,
    expected_signing_on: datetime.date | None = None,
    expected_value: Any = None,
    currency: Any = None,
    note: str = "",
    on: datetime.date | None = None,
    source_event: Any = None,
) -> Lead:
    """Staff over the project's region open a lead: a prospect, logged from today."""
    require(permissions.can_manage_leads(by, project.region_id))
    value = _decimal(expected_value, "expected_value")
    if Lead.objects.filter(project=project, investor=investor).exists():
        raise _already()
    lead = Lead(
        project=project,
        investor=investor,
        owner=by if getattr(by, "is_authenticated", False) else None,
        expected_signing_on=expected_signing_on,
        expected_value=value,
        currency=codes.amount_with_currency(value, currency, amount_field="expected_value"),
        note=note,
        source_event=source_event,
    )
    place(lead, project.region)
    # The pair's uniqueness is left to the database (below): a lead opened by someone else
    # a moment ago would fail here with Django's generic message instead of ours.
    lead.full_clean(validate_unique=False, validate_constraints=False)
    lead.validate_constraints(exclude={"investor"})
    try:
        with transaction.atomic():
            lead.save()
    except IntegrityError as error:  # the same pair opened at the same moment
        raise _already() from error
    _log_stage(lead, Lead.Stage.PROSPECT, on or timezone.localdate(), by)
    audit_record(actor=by, action="create", instance=lead)
    return lead


@transaction.atomic
def lead_move(
    *,
    lead: Lead,
    target: str,
    by: Any,
    note: str = "",
    on: datetime.date | None = None,
    version: str | None = None,
) -> Lead:
    """Move a lead one stage on (or to lost), closing the stage it leaves in the log.

    The move starts from the stage the caller saw (`lead.stage`, and `version` from a page):
    of two people moving the same lead at once, the second is told it changed meanwhile
    rather than moving it again from where the first left it.
    """
    if target not in LEAD.state_keys():
        raise ValidationError({"target": _("Unknown stage.")})
    current = Lead.objects.get(pk=lead.pk)
    if version and version != version_of(current):
        raise changed_meanwhile(current)
    transition(current, LEAD, target, by=by, note=note, expected=lead.stage)
    _log_stage(current, target, on or timezone.localdate(), by)
    lead.stage = current.stage
    return current


@transaction.atomic
def agreement_record(
    *,
    project: Project,
    by: Any,
    title: str,
    parties: list[str],
    signed_on: datetime.date,
    value: Any = None,
    currency: Any = None,
    lead: Lead | None = None,
    event: Any = None,
) -> Agreement:
    """Record a signed agreement; its lead (if any, and still open) moves to "signed"."""
    require(permissions.can_manage_leads(by, project.region_id))
    amount = _decimal(value, "value")
    names = [str(p).strip() for p in parties if str(p).strip()]
    if len(names) < 2:
        raise ValidationError({"parties": _("An agreement has at least two parties.")})
    if lead is not None and lead.project_id != project.pk:
        raise ValidationError({"lead": _("This lead is about another project.")})
    agreement = Agreement(
        title=(title or "").strip(),
        project=project,
        lead=lead,
        parties=names,
        value=amount,
        currency=codes.amount_with_currency(amount, currency, amount_field="value"),
        signed_on=signed_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    agreement.event = event
    place(agreement, project.region)
    agreement.full_clean()
    agreement.save()
    audit_record(actor=by, action="create", instance=agreement)
    if lead is not None and lead.stage == Lead.Stage.NEGOTIATING:
        lead_move(lead=lead, target=Lead.Stage.SIGNED, by=by, on=signed_on)
    return agreement


@transaction.atomic
def agreement_attach(*, agreement: Agreement, upload: Any, by: Any):
    """Attach the signed document; its type is read from its content."""
    return file_store(upload=upload, owner=agreement, by=by, accept=DOCUMENT_TYPES)
