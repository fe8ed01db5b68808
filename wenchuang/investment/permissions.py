"""Who may see and do what in investment promotion; every answer carries its reason.

Project owners (representatives of the owning enterprise or park operator) write and submit
their projects; centre staff over the project's region approve them before the public sees
them, and run the pipeline there. An investor's representatives keep its profile and see its
matches; staff see every match of their jurisdiction.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction

OWNER_ROLES = (Role.ENTERPRISE_REP, Role.PARK_MANAGER)


def _signed_in(user: Any) -> bool:
    return getattr(user, "is_authenticated", False)


def owns_project(user: Any, project: Any) -> bool:
    return any(roles.represents(user, project.owner_id, role) for role in OWNER_ROLES)


def is_staff_over(user: Any, region_code: str | None) -> bool:
    """Centre staff whose jurisdiction holds the region (or an administrator)."""
    if not _signed_in(user):
        return False
    return bool(user.is_superuser or roles.acts_as_staff_for(user, region_code, Role.CENTRE_STAFF))


def can_create_project(user: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in as an enterprise or park representative to promote a project."))
    if any(roles.organisations(user, role) for role in OWNER_ROLES):
        return ALLOW
    return deny(_("Only enterprise and park representatives promote projects."))


def can_view_project(user: Any, project: Any) -> Decision:
    if project.is_public or owns_project(user, project) or in_jurisdiction(user, project.region_id):
        return ALLOW
    if not _signed_in(user):
        return deny(_("This project is not published."))
    return deny(_("This project is not published; only its owner and staff see it."))


def can_edit_project(user: Any, project: Any) -> Decision:
    if not owns_project(user, project):
        if not _signed_in(user):
            return deny(_("Sign in as the project's owner to change it."))
        return deny(_("Only the project's owner changes it."))
    if project.status != "draft":
        return deny(_("Only a draft can be changed; ask staff to send it back to you."))
    return ALLOW


def may_submit(user: Any, project: Any) -> Decision:
    return can_edit_project(user, project)


def may_approve(user: Any, project: Any) -> Decision:
    if is_staff_over(user, project.region_id):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as centre staff to approve projects."))
    if roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("This project lies outside your jurisdiction."))
    return deny(_("Only centre staff approve projects."))


def may_progress(user: Any, project: Any) -> Decision:
    """The owner or staff over the region record that talks started, a signing, a landing."""
    if owns_project(user, project) or is_staff_over(user, project.region_id):
        return ALLOW
    return deny(_("Only the project's owner and staff move a project on."))


def may_withdraw(user: Any, project: Any) -> Decision:
    if owns_project(user, project):
        return ALLOW
    return deny(_("Only the project's owner withdraws it."))


def speaks_for_investor(user: Any, investor: Any) -> bool:
    return bool(investor.organisation_id) and roles.represents(
        user, investor.organisation_id, Role.INVESTOR
    )


def can_edit_profile(user: Any, investor: Any) -> Decision:
    if speaks_for_investor(user, investor) or is_staff_over(user, investor.region_id):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as the investor's representative."))
    return deny(_("Only the investor's representatives and staff change its interests."))


def can_see_investor_matches(user: Any, investor: Any) -> Decision:
    return can_edit_profile(user, investor)


def can_see_project_matches(user: Any, project: Any) -> Decision:
    if owns_project(user, project) or in_jurisdiction(user, project.region_id):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as the project's owner."))
    return deny(_("Only the project's owner and staff see its matches."))


def can_run_matching(user: Any) -> Decision:
    if _signed_in(user) and (user.is_superuser or roles.has_role(user, Role.CENTRE_STAFF)):
        return ALLOW
    return deny(_("Only centre staff run the matchmaking."))


def can_manage_leads(user: Any, region_code: str | None = None) -> Decision:
    """Centre staff over the project's region (any staff for the list of their own)."""
    if not _signed_in(user):
        return deny(_("Sign in as centre staff to see the pipeline."))
    if region_code is None:
        if user.is_superuser or roles.has_role(user, Role.CENTRE_STAFF):
            return ALLOW
        return deny(_("Only centre staff see the pipeline."))
    if is_staff_over(user, region_code):
        return ALLOW
    return deny(_("This lead lies outside your jurisdiction."))


def may_move_lead(user: Any, lead: Any) -> Decision:
    return can_manage_leads(user, lead.region_id)


def can_view_agreement(user: Any, agreement: Any) -> Decision:
    """Agreements are announced: their parties, value and date are public; files are not."""
    return ALLOW


def can_read_agreement_files(user: Any, agreement: Any) -> Decision:
    if owns_project(user, agreement.project) or in_jurisdiction(user, agreement.region_id):
        return ALLOW
    return deny(_("Only the parties' staff and the agency read the agreement's documents."))


def can_record_agreement_files(user: Any, agreement: Any) -> Decision:
    return can_manage_leads(user, agreement.region_id)
