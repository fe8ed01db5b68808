"""Projects and investor profiles: create, change, submit, approve, withdraw, attach files."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation
from wenchuang.core import search
from wenchuang.core.audit import audit_record
from wenchuang.core.files import DOCUMENT_TYPES, file_store
from wenchuang.core.languages import language_fields
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
from wenchuang.directory.models import Investor, Park

from .. import permissions
from ..models import InvestorProfile, Project
from ..workflows import PROJECT
from . import codes

TEXT_FIELDS = (*language_fields("title"), *language_fields("pitch"))
PROJECT_FIELDS = (
    *TEXT_FIELDS,
    "category",
    "industry_class",
    "region",
    "park",
    "amount",
    "currency",
    "investment_type",
    "stage",
)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError({field: _("Enter a number.")}) from error
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _apply(project: Project, data: dict[str, Any]) -> None:
    """Copy the given fields onto the project, turning codes into rows (unknown ones refused)."""
    for name in TEXT_FIELDS:
        if name in data:
            setattr(project, name, (data[name] or "").strip())
    if "category" in data:
        project.category = codes.category(data["category"])
    if "industry_class" in data:
        project.industry_class = codes.industry_class(data["industry_class"])
    if "region" in data:
        place(project, codes.region(data["region"]))
    if "park" in data:
        park = data["park"]
        if park in (None, ""):
            project.park = None
        else:
            found = park if isinstance(park, Park) else Park.objects.filter(pk=park).first()
            if found is None:
                raise ValidationError({"park": _("Unknown park.")})
            project.park = found
    if "amount" in data or "currency" in data:
        amount = _decimal(data.get("amount", project.amount), "amount")
        project.currency = codes.amount_with_currency(
            amount, data.get("currency", project.currency_id), amount_field="amount"
        )
        project.amount = amount
    for name in ("investment_type", "stage"):
        if name in data and data[name]:
            setattr(project, name, data[name])


@transaction.atomic
def project_create(*, by: Any, owner: Organisation, data: dict[str, Any]) -> Project:
    """A draft project of an organisation the user speaks for."""
    require(permissions.can_create_project(by))
    if not any(roles.represents(by, owner.pk, role) for role in permissions.OWNER_ROLES):
        raise PermissionDenied(_("You do not speak for this organisation."))
    project = Project(owner=owner, created_by=by)
    if "region" not in data and owner.region_id:
        place(project, owner.region)
    _apply(project, data)
    project.full_clean()
    project.search_text = search.document(project)
    project.save()
    audit_record(actor=by, action="create", instance=project)
    return project


@transaction.atomic
def project_update(
    *, project: Project, by: Any, data: dict[str, Any], version: str | None = None
) -> Project:
    """Change a draft; a form based on an older state is refused rather than undoing it."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    require(permissions.can_edit_project(by, current))
    if version and version != version_of(current):
        raise changed_meanwhile(current)
    before = {name: getattr(current, name) for name in TEXT_FIELDS}
    _apply(current, data)
    current.full_clean()
    current.search_text = search.document(current)
    current.save()
    changed = {
        name: [before[name], getattr(current, name)]
        for name in TEXT_FIELDS
        if before[name] != getattr(current, name)
    }
    audit_record(actor=by, action="update", instance=current, changes=changed)
    return current


@transaction.atomic
def project_move(
    *, project: Project, target: str, by: Any, note: str = "", version: str | None = None
) -> Project:
    """Submit, approve, send back, move on or withdraw (the table says who may)."""
    if target not in PROJECT.state_keys():
        raise ValidationError({"target": _("Unknown status.")})
    if target == Project.Status.SUBMITTED and not project.pitch_zh_hans and not project.pitch_en:
        raise ValidationError({"pitch": _("Describe the project (in Chinese or English).")})
    current = Project.objects.get(pk=project.pk)
    if version and version != version_of(current):
        raise changed_meanwhile(current)
    # From the status the caller saw: a second click on a page read before the first one's
    # move is told the project changed meanwhile.
    transition(current, PROJECT, target, by=by, note=note, expected=project.status)
    project.status = current.status
    return project


@transaction.atomic
def project_attach(*, project: Project, upload: Any, by: Any):
    """Attach a document; its type is read from its content, never from its name."""
    return file_store(
        upload=upload,
        owner=project,
        by=by,
        accept=DOCUMENT_TYPES,
        max_bytes=MAX_ATTACHMENT_BYTES,
    )


@transaction.atomic
def profile_save(*, investor: Investor, by: Any, data: dict[str, Any]) -> InvestorProfile:
    """Create or change what an investor looks for."""
    require(permissions.can_edit_profile(by, investor))
    profile, _created = InvestorProfile.objects.select_for_update().get_or_create(investor=investor)
    if "ticket_min" in data or "ticket_max" in data or "currency" in data:
        low = _decimal(data.get("ticket_min", profile.ticket_min), "ticket_min")
        high = _decimal(data.get("ticket_max", profile.ticket_max), "ticket_max")
        profile.currency = codes.amount_with_currency(
            low if low is not None else high,
            data.get("currency", profile.currency_id),
            amount_field="ticket_min",
        )
        profile.ticket_min, profile.ticket_max = low, high
    if "interest_statement" in data:
        profile.interest_statement = (data["interest_statement"] or "").strip()
    if "languages" in data:
        profile.languages = [str(code) for code in data["languages"] or []]
    if "stages" in data:
        stages = [str(s) for s in data["stages"] or []]
        unknown = [s for s in stages if s not in Project.Stage.values]
        if unknown:
            raise ValidationError({"stages": _("Unknown stage “%(code)s”.") % {"code": unknown[0]}})
        profile.stages = stages
    profile.full_clean()
    profile.save()
    if "categories" in data:
        profile.categories.set([codes.category(c, "categories") for c in data["categories"] or []])
    if "classes" in data:
        found = [codes.industry_class(c, "classes") for c in data["classes"] or [] if c]
        profile.classes.set([c for c in found if c is not None])
    if "regions" in data:
        profile.regions.set([codes.region(c, "regions") for c in data["regions"] or []])
    audit_record(actor=by, action="update", instance=profile)
    return profile
