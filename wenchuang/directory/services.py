"""Writes on the directory: create, edit, validate, tenants and association memberships."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record, field_changes
from wenchuang.core.languages import language_fields
from wenchuang.core.permissions import require
from wenchuang.reference.models import Currency, IndustryCategory, Region
from wenchuang.reference.selectors import SizeRule

from . import permissions
from .models import (
    AssociationMembership,
    DirectoryRecord,
    Enterprise,
    Investor,
    Park,
    ProfileChange,
    PublicationStatus,
    ServiceProvider,
    Talent,
)
from .search import document

MAX_DESCRIPTION_CHARS = 10_000

_COMMON = [
    *language_fields("name"),
    *language_fields("description"),
    "region",
    "address",
    "contact_person",
    "email",
    "phone",
    "website",
]
# The fields a person may set on each kind; everything else is derived or internal.
EDITABLE_FIELDS: dict[type[DirectoryRecord], list[str]] = {
    Enterprise: [
        *_COMMON,
        "credit_code",
        "category",
        "park",
        "founded_year",
        "employees",
        "annual_revenue",
        "revenue_year",
    ],
    Park: [*_COMMON, "level", "latitude", "longitude", "area_hectares", "vacancy_rate"],
    Investor: [*_COMMON, "investor_type", "country", "ticket_min", "ticket_max", "currency"],
    Talent: [*_COMMON, "title", "category"],
    ServiceProvider: [*_COMMON, "service"],
}
STAFF_ONLY_FIELDS: dict[type[DirectoryRecord], list[str]] = {ServiceProvider: ["certified"]}


def _resolve(model: type[DirectoryRecord], data: dict[str, Any]) -> dict[str, Any]:
    """Turn codes and ids from forms, the API or files into model values, naming bad fields."""
    errors: dict[str, list[str]] = {}
    allowed = set(EDITABLE_FIELDS[model])
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in allowed:
            errors.setdefault(name, []).append(_("This field cannot be set here."))
            continue
        values[name] = value
    if "region" in values and not isinstance(values["region"], Region):
        region = Region.objects.filter(code=str(values["region"] or "")).first()
        if region is None:
            errors["region"] = [_("Unknown region code: %(code)s") % {"code": values["region"]}]
        elif region.level == Region.Level.COUNTRY:
            errors["region"] = [_("Choose a province, city or county, not the whole country.")]
        values["region"] = region
    if "category" in values and not isinstance(values["category"], IndustryCategory):
        code = str(values["category"] or "")
        category = IndustryCategory.objects.filter(code=code).first() if code else None
        if code and category is None:
            errors["category"] = [_("Unknown category code: %(code)s") % {"code": code}]
        elif model is Enterprise and (category is None or category.level != 3):
            errors["category"] = [
                _("Choose a small category (four digits) of the 2018 classification.")
            ]
        values["category"] = category
    if "currency" in values and not isinstance(values["currency"], Currency):
        currency = Currency.objects.filter(code=str(values["currency"] or "")).first()
        if currency is None:
            errors["currency"] = [
                _("Unknown currency code: %(code)s") % {"code": values["currency"]}
            ]
        values["currency"] = currency
    if (
        "park" in values
        and values["park"] not in (None, "")
        and not isinstance(values["park"], Park)
    ):
        park = (
            Park.objects.filter(pk=values["park"]).first()
            if str(values["park"]).isdigit()
            else None
        )
        if park is None:
            errors["park"] = [_("Unknown park: %(park)s") % {"park": values["park"]}]
        values["park"] = park
    elif "park" in values and values["park"] == "":
        values["park"] = None
    for field in language_fields("description"):
        if len(values.get(field) or "") > MAX_DESCRIPTION_CHARS:
            errors[field] = [
                _("Keep the description under %(n)d characters.") % {"n": MAX_DESCRIPTION_CHARS}
            ]
    if errors:
        raise ValidationError(errors)
    return values


def _derive(record: DirectoryRecord, size_rule: SizeRule | None = None) -> None:
    """Fill the copied and computed columns from the fields a person set."""
    region = record.region
    record.province_code = region.code[:2] + "0000"
    record.prefecture_code = (
        region.code[:4] + "00" if region.level >= Region.Level.PREFECTURE else ""
    )
    if isinstance(record, Enterprise):
        category = record.category
        record.major_code = category.code[:2]
        record.mid_code = category.code[:3]
        record.domain = category.domain
        rule = size_rule or SizeRule.load()
        record.above_designated_size = rule.is_above(
            category.code, record.annual_revenue, record.revenue_year
        )
    record.search_text = document(record)


def _validate(record: DirectoryRecord) -> None:
    if not (record.name_zh_hans.strip() or record.name_en.strip()):
        raise ValidationError({"name_zh_hans": [_("Give a name in Chinese or in English.")]})
    if isinstance(record, Investor) and record.ticket_min and record.ticket_max:
        if Decimal(record.ticket_min) > Decimal(record.ticket_max):
            raise ValidationError(
                {"ticket_max": [_("The largest investment is below the smallest.")]}
            )
    record.full_clean(exclude=["province_code", "prefecture_code", "search_text"])


@transaction.atomic
def record_create(*, model: type[DirectoryRecord], by, data: dict[str, Any]) -> DirectoryRecord:
    """A new record: published at once when staff add it, otherwise held for validation."""
    require(permissions.can_create(by, model))
    values = _resolve(model, data)
    if "region" not in values:
        raise ValidationError({"region": [_("This field is required.")]})
    require(permissions.can_create_in_region(by, values["region"].code))
    record = model(**values)
    if by.role != "centre_staff" and not by.is_superuser:
        record.organisation_id = by.organisation_id
        record.status = PublicationStatus.PENDING
    else:
        record.status = PublicationStatus.PUBLISHED
    _validate(record)
    _derive(record)
    record.save()
    audit_record(
        actor=by,
        action="create",
        instance=record,
        changes=field_changes(model(), values),
    )
    return record


@transaction.atomic
def record_update(
    *, record: DirectoryRecord, by, data: dict[str, Any]
) -> DirectoryRecord | ProfileChange:
    """Staff edits apply at once; an owner's edits to a published profile wait for validation."""
    require(permissions.can_edit(by, record))
    model = type(record)
    staff_values = {k: data.pop(k) for k in STAFF_ONLY_FIELDS.get(model, []) if k in data}
    is_staff = by.is_superuser or by.role == "centre_staff"
    if staff_values and not is_staff:
        raise ValidationError({k: [_("Only centre staff may change this.")] for k in staff_values})
    values = _resolve(model, data)
    values.update(staff_values)
    changes = field_changes(record, values)
    if not changes:
        return record
    if is_staff and "region" in values:
        require(permissions.can_create_in_region(by, values["region"].code))
    # Check the whole new state before anything is stored or queued.
    candidate = model.objects.get(pk=record.pk)
    for name, value in values.items():
        setattr(candidate, name, value)
    _validate(candidate)
    if is_staff or record.status != PublicationStatus.PUBLISHED:
        _derive(candidate)
        candidate.save()
        audit_record(actor=by, action="update", instance=candidate, changes=changes)
        return candidate
    change = ProfileChange.objects.create(
        record_type=record._meta.label_lower,
        record_id=record.pk,
        region_code=candidate.region_id,
        changes={name: new for name, (_old, new) in changes.items()},
        submitted_by=by,
    )
    audit_record(actor=by, action="submit", instance=record, changes=changes)
    return change


def _model_for_change(change: ProfileChange) -> type[DirectoryRecord]:
    for model in EDITABLE_FIELDS:
        if model._meta.label_lower == change.record_type:
            return model
    raise ValueError(change.record_type)


@transaction.atomic
def change_decide(*, change: ProfileChange, by, approve: bool, reason: str = "") -> ProfileChange:
    """Staff accept or refuse a representative's proposed changes."""
    require(permissions.can_validate(by, change.region_code))
    if change.status != ProfileChange.Status.PENDING:
        raise ValidationError(_("This change has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Say why the change is refused.")]})
    model = _model_for_change(change)
    record = model.objects.select_for_update().get(pk=change.record_id)
    if approve:
        values = _resolve(model, dict(change.changes))
        changes = field_changes(record, values)
        for name, value in values.items():
            setattr(record, name, value)
        _validate(record)
        _derive(record)
        record.save()
        audit_record(actor=by, action="approve", instance=record, changes=changes)
    else:
        audit_record(actor=by, action="reject", instance=record, note=reason)
    change.status = ProfileChange.Status.APPROVED if approve else ProfileChange.Status.REJECTED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.reason = reason
    change.save()
    return change


@transaction.atomic
def record_validate(
    *, record: DirectoryRecord, by, approve: bool, reason: str = ""
) -> DirectoryRecord:
    """Staff publish or reject a new profile."""
    require(permissions.can_validate(by, record.region_id))
    if record.status != PublicationStatus.PENDING:
        raise ValidationError(_("This profile is not awaiting validation."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Say why the profile is refused.")]})
    old = record.status
    record.status = PublicationStatus.PUBLISHED if approve else PublicationStatus.REJECTED
    record.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="approve" if approve else "reject",
        instance=record,
        changes={"status": [old, record.status]},
        note=reason,
    )
    return record


@transaction.atomic
def park_tenant_set(*, park: Park, enterprise: Enterprise, by, present: bool) -> Enterprise:
    """Add an enterprise to a park's tenant list, or take it off."""
    require(permissions.can_manage_tenants(by, park))
    if not present and enterprise.park_id != park.pk:
        raise ValidationError(_("This enterprise is not a tenant of the park."))
    if present and enterprise.park_id not in (None, park.pk):
        raise ValidationError(
            _("This enterprise is listed in another park: %(park)s") % {"park": enterprise.park}
        )
    new_park = park if present else None
    changes = field_changes(enterprise, {"park": new_park})
    if changes:
        enterprise.park = new_park
        enterprise.save(update_fields=["park", "updated_at"])
        audit_record(actor=by, action="update", instance=enterprise, changes=changes)
    return enterprise


def _one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# Association memberships: applied -> active -> lapsed / expelled; lapsed -> active on renewal.
MEMBERSHIP_TRANSITIONS = {
    "applied": {"active", "expelled"},
    "active": {"lapsed", "expelled"},
    "lapsed": {"expelled"},  # a lapsed member comes back by renewing
    "expelled": set(),
}


@transaction.atomic
def membership_set_status(
    *, membership: AssociationMembership, by, status: str, today: datetime.date | None = None
) -> AssociationMembership:
    require(permissions.can_manage_membership(by, membership))
    if status not in MEMBERSHIP_TRANSITIONS[membership.status]:
        raise ValidationError(
            _("A membership cannot go from %(old)s to %(new)s.")
            % {
                "old": AssociationMembership.Status(membership.status).label,
                "new": AssociationMembership.Status(status).label,
            }
        )
    old = membership.status
    today = today or timezone.localdate()
    if status == "active":
        membership.started_on = membership.started_on or today
        membership.renews_on = membership.renews_on or _one_year_after(today)
    membership.status = status
    membership.save()
    audit_record(actor=by, action="update", instance=membership, changes={"status": [old, status]})
    return membership


@transaction.atomic
def membership_renew(
    *, membership: AssociationMembership, by, today: datetime.date | None = None
) -> AssociationMembership:
    """Record this year's fee as paid: the renewal date moves a year on."""
    require(permissions.can_manage_membership(by, membership))
    if membership.status not in {"active", "lapsed"}:
        raise ValidationError(_("Only active or lapsed memberships can be renewed."))
    today = today or timezone.localdate()
    old = membership.renews_on
    base = membership.renews_on if membership.renews_on and membership.renews_on > today else today
    membership.renews_on = _one_year_after(base)
    old_status, membership.status = membership.status, "active"
    membership.save()
    audit_record(
        actor=by,
        action="update",
        instance=membership,
        changes={"renews_on": [old, membership.renews_on], "status": [old_status, "active"]},
    )
    return membership
