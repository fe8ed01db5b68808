"""Who may see and change which directory records; every answer carries its reason.

Who the user *is* — roles, organisations, jurisdictions, over all their affiliations — is
asked of `accounts.roles`; this module says what each of those may do with the directory.
"""

from __future__ import annotations

from django.db.models import Model, Q
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import STAFF_ROLES, Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction, jurisdiction_of

from .models import DirectoryRecord, Enterprise, Investor, Park, ServiceProvider

# The role that may propose changes to its own organisation's record of each kind.
OWNER_ROLE: dict[type[Model], str] = {
    Enterprise: Role.ENTERPRISE_REP,
    Park: Role.PARK_MANAGER,
    Investor: Role.INVESTOR,
    ServiceProvider: Role.SERVICE_PROVIDER,
}


def is_owner(user, record: DirectoryRecord) -> bool:
    """Does the user represent the record's organisation in the role that owns such records?"""
    role = OWNER_ROLE.get(type(record))
    return role is not None and roles.represents(user, record.organisation_id, role)


def owned_organisations(user, model: type[Model]) -> frozenset[int]:
    """The organisations whose `model` records the user owns (empty for kinds nobody owns)."""
    role = OWNER_ROLE.get(model)
    return roles.organisations(user, role) if role else frozenset()


def _centre_covers(user, region_code: str | None) -> bool:
    return user.is_superuser or roles.acts_as_staff_for(user, region_code, Role.CENTRE_STAFF)


def _outside_jurisdiction(user) -> Decision:
    regions = roles.staff_regions(user, [Role.CENTRE_STAFF])
    if not regions:
        return deny(_("Your account has no jurisdiction yet; ask the centre to assign one."))
    return deny(
        _("This record lies outside your jurisdiction (%(region)s).")
        % {"region": ", ".join(str(r.name) for r in regions)}
    )


def _role_refusal(user, message: str, kind) -> Decision:
    return deny(message % {"role": roles.role_labels(user), "kind": kind})


def can_view_contacts(user, record: DirectoryRecord) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as agency staff to see contact details."))
    if is_owner(user, record) or user.is_superuser or roles.has_role(user, *STAFF_ROLES):
        return ALLOW
    return deny(_("Contact details are shown only to agency staff."))


def contacts_visible(user, model: type[Model]) -> Q | None:
    """The rows of `model` whose contacts `user` may see, as `can_view_contacts` decides.

    None when no row's; an empty Q() when every row's (staff); otherwise the user's own
    organisations' rows. Exports use it, so an owner gets their own contacts there too.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser or roles.has_role(user, *STAFF_ROLES):
        return Q()
    owned = owned_organisations(user, model)
    return Q(organisation_id__in=sorted(owned)) if owned else None


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
    if roles.is_centre_staff(user):
        return ALLOW
    role = OWNER_ROLE.get(model)
    if role is not None and roles.has_role(user, role):
        if not owned_organisations(user, model):
            return deny(_("Your account is not linked to an organisation yet."))
        if organisation_for_new(user, model) is None:
            return deny(_("Your organisation already has a profile; edit it instead."))
        return ALLOW
    return _role_refusal(
        user, _("Your role (%(role)s) cannot add %(kind)s."), model._meta.verbose_name_plural
    )


def organisation_for_new(user, model: type[DirectoryRecord]) -> int | None:
    """The organisation a new `model` profile by its owner belongs to: one without one yet."""
    owned = owned_organisations(user, model)
    if not owned:
        return None
    taken = set(
        model.objects.filter(organisation_id__in=owned).values_list("organisation_id", flat=True)
    )
    free = sorted(owned - taken)
    return free[0] if free else None


def can_create_in_region(user, region_code: str) -> Decision:
    """Staff add records only inside their jurisdiction; owners may be anywhere."""
    if not roles.is_centre_staff(user) or _centre_covers(user, region_code):
        return ALLOW
    # Staff who also own a kind of record may add their own organisation's profile anywhere.
    if any(roles.has_role(user, role) for role in OWNER_ROLE.values()):
        return ALLOW
    return _outside_jurisdiction(user)


def can_edit(user, record: DirectoryRecord) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to edit records."))
    if _centre_covers(user, record.region_id) or is_owner(user, record):
        return ALLOW
    if roles.has_role(user, Role.CENTRE_STAFF):
        return _outside_jurisdiction(user)
    owner_role = OWNER_ROLE.get(type(record))
    if owner_role is not None and roles.has_role(user, owner_role):
        return deny(
            _("You can edit only %(kind)s of your own organisation.")
            % {"kind": record._meta.verbose_name_plural}
        )
    return _role_refusal(
        user, _("Your role (%(role)s) cannot edit %(kind)s."), record._meta.verbose_name_plural
    )


def staff_edits(user, record: DirectoryRecord | None = None) -> bool:
    """Do the user's edits apply at once (centre staff over the record) rather than queue?"""
    if record is None:
        return roles.is_centre_staff(user)
    return _centre_covers(user, record.region_id)


def can_manage_tenants(user, park: Park) -> Decision:
    if is_owner(user, park):
        return ALLOW
    decision = can_edit(user, park)
    if not decision and roles.has_role(user, Role.PARK_MANAGER):
        return deny(_("You can manage the tenant list only of your own park."))
    return decision


def can_validate(user, region_code: str | None = None) -> Decision:
    """May the user validate profiles (in `region_code`, or anywhere when it is None)?"""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as centre staff to validate profiles."))
    if user.is_superuser:
        return ALLOW
    if not roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("Only centre staff validate new and changed profiles."))
    if region_code is None:
        return (
            ALLOW if roles.staff_regions(user, [Role.CENTRE_STAFF]) else _outside_jurisdiction(user)
        )
    return ALLOW if _centre_covers(user, region_code) else _outside_jurisdiction(user)


def can_decide_change(user, change) -> Decision:
    """Staff of the region a change moves the record to, or of the one it leaves, decide it."""
    decision = can_validate(user, change.region_code)
    if decision or not change.origin_region_code:
        return decision
    return can_validate(user, change.origin_region_code)


def can_manage_membership(user, membership) -> Decision:
    """The association itself (its users) or centre staff over the association run its list.

    Staff elsewhere may not: a Dalian officer has no business with Wuxi's members' fees.
    """
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to manage memberships."))
    if user.is_superuser or roles.represents(user, membership.association_id):
        return ALLOW
    if _centre_covers(user, membership.association.region_id):
        return ALLOW
    return deny(
        _("Only the association itself or centre staff of its region manage its memberships.")
    )


def managed_associations(user) -> Q | None:
    """Memberships `can_manage_membership` allows, as a filter; Q() for all, None for none."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Q()
    q = Q(association_id__in=sorted(roles.organisations(user)))
    for region in roles.staff_regions(user, [Role.CENTRE_STAFF]):
        if region.level == 0:
            return Q()
        # An association is placed at any level below its staff's region: the region
        # itself, a child or a grandchild (GB/T 2260 has three levels under the root).
        path = "association__region"
        for _depth in range(3):
            q |= Q(**{path: region.code})
            path += "__parent"
    return q


def can_import(user) -> Decision:
    if roles.is_centre_staff(user):
        return ALLOW
    return deny(_("Only centre staff may import records in bulk."))
