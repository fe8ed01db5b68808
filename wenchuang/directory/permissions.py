"""Who may see and change which directory records; every answer carries its reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wenchuang.accounts.models import STAFF_ROLES, Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction, jurisdiction_of

from .models import DirectoryRecord, Enterprise, Investor, Park, ServiceProvider

# The role that may propose changes to its own organisation's record of each kind.
OWNER_ROLE = {
    Enterprise: Role.ENTERPRISE_REP,
    Park: Role.PARK_MANAGER,
    Investor: Role.INVESTOR,
    ServiceProvider: Role.SERVICE_PROVIDER,
}


def is_owner(user, record: DirectoryRecord) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.role == OWNER_ROLE.get(type(record))
        and user.organisation_id is not None
        and record.organisation_id == user.organisation_id
    )


def _outside_jurisdiction(user) -> Decision:
    if user.jurisdiction is None:
        return deny(_("Your account has no jurisdiction yet; ask the centre to assign one."))
    return deny(
        _("This record lies outside your jurisdiction (%(region)s).")
        % {"region": user.jurisdiction.name}
    )


def can_view_contacts(user, record: DirectoryRecord) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as agency staff to see contact details."))
    if is_owner(user, record) or user.is_superuser or user.role in STAFF_ROLES:
        return ALLOW
    return deny(_("Contact details are shown only to agency staff."))


def can_view(user, record: DirectoryRecord) -> Decision:
    if record.status == "published":
        return ALLOW
    if is_owner(user, record) or in_jurisdiction(user, record.region_id):
        return ALLOW
    return deny(_("This record has not been published yet."))


def oversees(user) -> bool:
    """Does the user act as agency staff somewhere (a jurisdiction, or an administrator)?"""
    return jurisdiction_of(user) is not None


def can_create(user, model: type[DirectoryRecord]) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to add a record."))
    if user.is_superuser or user.role == Role.CENTRE_STAFF:
        return ALLOW
    if user.role == OWNER_ROLE.get(model):
        if user.organisation_id is None:
            return deny(_("Your account is not linked to an organisation yet."))
        if model.objects.filter(organisation_id=user.organisation_id).exists():
            return deny(_("Your organisation already has a profile; edit it instead."))
        return ALLOW
    return deny(
        _("Your role (%(role)s) cannot add %(kind)s.")
        % {"role": Role(user.role).label, "kind": model._meta.verbose_name_plural}
    )


def can_create_in_region(user, region_code: str) -> Decision:
    """Staff add records only inside their jurisdiction; owners may be anywhere."""
    if user.is_superuser or user.role != Role.CENTRE_STAFF:
        return ALLOW
    return ALLOW if in_jurisdiction(user, region_code) else _outside_jurisdiction(user)


def can_edit(user, record: DirectoryRecord) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to edit records."))
    if user.is_superuser:
        return ALLOW
    if user.role == Role.CENTRE_STAFF:
        return ALLOW if in_jurisdiction(user, record.region_id) else _outside_jurisdiction(user)
    if is_owner(user, record):
        return ALLOW
    owner_role = OWNER_ROLE.get(type(record))
    if user.role == owner_role:
        return deny(
            _("You can edit only %(kind)s of your own organisation.")
            % {"kind": record._meta.verbose_name_plural}
        )
    return deny(
        _("Your role (%(role)s) cannot edit %(kind)s.")
        % {"role": Role(user.role).label, "kind": record._meta.verbose_name_plural}
    )


def can_manage_tenants(user, park: Park) -> Decision:
    if getattr(user, "is_authenticated", False) and user.role == Role.PARK_MANAGER:
        if not is_owner(user, park):
            return deny(_("You can manage the tenant list only of your own park."))
        return ALLOW
    return can_edit(user, park)


def can_validate(user, region_code: str | None = None) -> Decision:
    """May the user validate profiles (in `region_code`, or anywhere when it is None)?"""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as centre staff to validate profiles."))
    if user.is_superuser:
        return ALLOW
    if user.role != Role.CENTRE_STAFF:
        return deny(_("Only centre staff validate new and changed profiles."))
    if region_code is None:
        return ALLOW if user.jurisdiction_id else _outside_jurisdiction(user)
    return ALLOW if in_jurisdiction(user, region_code) else _outside_jurisdiction(user)


def can_decide_change(user, change) -> Decision:
    """Staff of the region a change moves the record to, or of the one it leaves, decide it."""
    decision = can_validate(user, change.region_code)
    if decision or not change.origin_region_code:
        return decision
    return can_validate(user, change.origin_region_code)


def can_manage_membership(user, membership) -> Decision:
    """The association itself (its users) or centre staff run its membership list."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to manage memberships."))
    if user.is_superuser or user.role == Role.CENTRE_STAFF:
        return ALLOW
    if user.organisation_id and user.organisation_id == membership.association_id:
        return ALLOW
    return deny(_("Only the association itself or centre staff manage its memberships."))


def can_import(user) -> Decision:
    if getattr(user, "is_authenticated", False) and (
        user.is_superuser or user.role == Role.CENTRE_STAFF
    ):
        return ALLOW
    return deny(_("Only centre staff may import records in bulk."))
