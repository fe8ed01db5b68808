"""Who may see and do what with designations and assessments; every answer carries its reason.

Centre staff decide within their jurisdiction (the park's region): they order assessments,
designate, renew, warn and revoke. District officials see their district's files but do not
decide (the centre does, on the district's recommendation). An entrusted institution's
assessors fill in and submit the assessments ordered from their institution. The register
itself is public.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction


def _signed_in(user: Any) -> bool:
    return getattr(user, "is_authenticated", False)


def can_decide(user: Any, region_code: str | None) -> Decision:
    """May the user decide designations of parks in `region_code` (centre staff over it)?"""
    if not _signed_in(user):
        return deny(_("Sign in as centre staff to decide designations."))
    if user.is_superuser or roles.acts_as_staff_for(user, region_code, Role.CENTRE_STAFF):
        return ALLOW
    if not roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("Only centre staff decide designations."))
    return deny(_("This park lies outside your jurisdiction."))


def may_move_designation(user: Any, designation: Any) -> Decision:
    return can_decide(user, designation.region_id)


def only_the_system(user: Any, designation: Any) -> Decision:
    """Expiry is the scheduler's: nobody expires a designation by hand."""
    if user is None:
        return ALLOW
    return deny(_("A designation expires by itself at the end of its validity."))


def is_assessor_for(user: Any, assessment: Any) -> bool:
    return roles.represents(user, assessment.assessor_id, Role.ASSESSOR)


def can_view_assessment(user: Any, assessment: Any) -> Decision:
    """The institution's assessors, and agency staff over the park, see an assessment."""
    if not _signed_in(user):
        return deny(_("Sign in to see assessments."))
    if is_assessor_for(user, assessment) or in_jurisdiction(user, assessment.region_id):
        return ALLOW
    return deny(_("This assessment was entrusted to another institution."))


def can_fill_assessment(user: Any, assessment: Any) -> Decision:
    """Only the entrusted institution's assessors enter values, and only while it is a draft."""
    if not is_assessor_for(user, assessment):
        if not _signed_in(user):
            return deny(_("Sign in as an assessor of the entrusted institution."))
        return deny(_("Only assessors of the entrusted institution fill in this assessment."))
    if assessment.status != "draft":
        return deny(_("This assessment has been submitted; it can no longer be changed."))
    return ALLOW


def may_submit_assessment(user: Any, assessment: Any) -> Decision:
    return can_fill_assessment(user, assessment)


def can_see_queue(user: Any) -> Decision:
    if roles.has_role(user, Role.ASSESSOR) or in_jurisdiction_anywhere(user):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as an assessor or as agency staff."))
    return deny(_("Only assessors and agency staff have an assessment queue."))


def in_jurisdiction_anywhere(user: Any) -> bool:
    return bool(roles.staff_regions(user))
