"""Writes on the directory: create, edit, validate, tenants and association memberships."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record, field_changes, placement_now
from wenchuang.core.languages import language_fields
from wenchuang.core.permissions import require
from wenchuang.core.regions import CODE_COLUMNS, ORIGIN_COLUMNS, place, placement_of
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
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
from .workflows import CHANGE_REVIEW, MEMBERSHIP, PUBLICATION, RENEWAL_ONLY

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
    if errors:
        raise ValidationError(errors)
    return values


def _derive(record: DirectoryRecord, size_rule: SizeRule | None = None) -> None:
    """Fill the copied and computed columns from the fields a person set."""
    place(record, record.region)
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
    if not permissions.staff_edits(by):
        record.organisation_id = permissions.organisation_for_new(by, model)
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
    *, record: DirectoryRecord, by, data: dict[str, Any], version: str | None = None
) -> DirectoryRecord | ProfileChange:
    """Staff edits apply at once; an owner's edits to a published profile wait for validation.

    `version` is the record's `version_of` when the form was shown: if someone changed the
    record since, the edit is refused (Conflict) instead of silently undoing theirs. An
    owner's edit to a rejected profile applies and sends it back to the validation queue.
    """
    require(permissions.can_edit(by, record))
    model = type(record)
    # Lock the row: a concurrent edit waits here and then sees the newer version.
    current = model.objects.select_for_update().select_related("region").get(pk=record.pk)
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    staff_values = {k: data.pop(k) for k in STAFF_ONLY_FIELDS.get(model, []) if k in data}
    is_staff = permissions.staff_edits(by, current)
    if staff_values and not is_staff:
        raise ValidationError({k: [_("Only centre staff may change this.")] for k in staff_values})
    values = _resolve(model, data)
    values.update(staff_values)
    changes = field_changes(current, values)
    if not changes:
        return current
    if is_staff and "region" in values:
        require(permissions.can_create_in_region(by, values["region"].code))
    # Check the whole new state before anything is stored or queued.
    candidate = model.objects.get(pk=record.pk)
    for name, value in values.items():
        setattr(candidate, name, value)
    _validate(candidate)
    origin = placement_now(current)
    if is_staff or current.status != PublicationStatus.PUBLISHED:
        _derive(candidate)
        candidate.save()
        audit_record(actor=by, action="update", instance=candidate, changes=changes, origin=origin)
        if candidate.status == PublicationStatus.REJECTED and not is_staff:
            transition(candidate, PUBLICATION, PublicationStatus.PENDING, by=by)
        return candidate
    change = ProfileChange(
        record_type=record._meta.label_lower,
        record_id=record.pk,
        changes={name: new for name, (_old, new) in changes.items()},
        submitted_by=by,
    )
    # Queued where the record will be; a move also stays in the queue of where it is.
    for name, value in CODE_COLUMNS.values(placement_of(candidate.region)).items():
        setattr(change, name, value)
    if candidate.region_id != current.region_id and origin is not None:
        for name, value in ORIGIN_COLUMNS.values(origin).items():
            setattr(change, name, value)
    change.save()
    audit_record(actor=by, action="submit", instance=current, changes=changes)
    return change


def _model_for_change(change: ProfileChange) -> type[DirectoryRecord]:
    for model in EDITABLE_FIELDS:
        if model._meta.label_lower == change.record_type:
            return model
    raise ValueError(change.record_type)


@transaction.atomic
def change_decide(*, change: ProfileChange, by, approve: bool, reason: str = "") -> ProfileChange:
    """Staff accept or refuse a representative's proposed changes; one decision wins."""
    require(permissions.can_decide_change(by, change))
    if change.status != ProfileChange.Status.PENDING:
        raise ValidationError(_("This change has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Say why the change is refused.")]})
    model = _model_for_change(change)
    record = model.objects.select_for_update().get(pk=change.record_id)
    origin = placement_now(record)
    changes: dict[str, Any] = {}
    if approve:
        values = _resolve(model, dict(change.changes))
        changes = field_changes(record, values)
        for name, value in values.items():
            setattr(record, name, value)
        _validate(record)
        _derive(record)
        record.save()
    # The conditional update on the change decides the race: a losing decision raises
    # Conflict, and the transaction takes back the record it had already changed.
    transition(
        change,
        CHANGE_REVIEW,
        ProfileChange.Status.APPROVED if approve else ProfileChange.Status.REJECTED,
        by=by,
        expected=ProfileChange.Status.PENDING,
        updates={"decided_by": by, "decided_at": timezone.now(), "reason": reason},
        changes=changes,
        note=reason,
        audit_on=record,
        origin=origin,
    )
    return change


@transaction.atomic
def record_validate(
    *, record: DirectoryRecord, by, approve: bool, reason: str = ""
) -> DirectoryRecord:
    """Staff publish or reject a new profile; of two decisions at once, one wins."""
    require(permissions.can_validate(by, record.region_id))
    if record.status != PublicationStatus.PENDING:
        raise ValidationError(_("This profile is not awaiting validation."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Say why the profile is refused.")]})
    target = PublicationStatus.PUBLISHED if approve else PublicationStatus.REJECTED
    transition(record, PUBLICATION, target, by=by, expected=PublicationStatus.PENDING, note=reason)
    return record


@transaction.atomic
def park_tenant_set(*, park: Park, enterprise: Enterprise, by, present: bool) -> Enterprise:
    """Add an enterprise the user can see to a park's tenant list, or take it off."""
    require(permissions.can_manage_tenants(by, park))
    if not permissions.can_view(by, enterprise):
        # The same words as for an unknown number: a refusal must not reveal that an
        # unpublished record exists.
        raise ValidationError(_("No enterprise has that number."))
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


@transaction.atomic
def membership_set_status(
    *, membership: AssociationMembership, by, status: str, today: datetime.date | None = None
) -> AssociationMembership:
    """Admit, lapse, expel: a move of the MEMBERSHIP workflow (renewal has its own service)."""
    require(permissions.can_manage_membership(by, membership))
    if (membership.status, status) in RENEWAL_ONLY or not MEMBERSHIP.move(
        membership.status, status
    ):
        raise ValidationError(
            _("A membership cannot go from %(old)s to %(new)s.")
            % {
                "old": AssociationMembership.Status(membership.status).label,
                "new": AssociationMembership.Status(status).label,
            }
        )
    today = today or timezone.localdate()
    updates = {}
    if status == "active":
        updates = {
            "started_on": membership.started_on or today,
            "renews_on": membership.renews_on or _one_year_after(today),
        }
    transition(membership, MEMBERSHIP, status, by=by, updates=updates)
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
    new = _one_year_after(base)
    transition(
        membership,
        MEMBERSHIP,
        "active",
        by=by,
        # Two clicks on "renew" must not move the date two years: the second finds the
        # renewal date already moved and is refused.
        updates={"renews_on": new},
        expected_values={"renews_on": old},
        changes={"renews_on": [old, new]},
    )
    return membership
