"""Who may report, revise, read and manage statistics."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny

from .models import Reporter

# Who speaks for each kind of reporter's organisation.
REPRESENTATIVE_ROLE = {Reporter.ENTERPRISE: Role.ENTERPRISE_REP, Reporter.PARK: Role.PARK_MANAGER}


def region_code_of(kind: str, record: Any) -> str:
    return record.code if kind == Reporter.DISTRICT else record.region_id


def can_report(user: Any, kind: str, record: Any) -> Decision:
    """May `user` submit or revise the return of `record` (an enterprise, park or district)?

    Its own representatives may; so may agency staff (centre staff and district officials)
    whose jurisdiction holds it, who enter returns received on paper or in bulk.
    """
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to submit a return."))
    if roles.acts_as_staff_for(user, region_code_of(kind, record)):
        return ALLOW
    role = REPRESENTATIVE_ROLE.get(kind)
    organisation_id = getattr(record, "organisation_id", None)
    if role and organisation_id and roles.represents(user, organisation_id, role):
        return ALLOW
    return deny(_("Only its representatives and the staff of its region may report for it."))


def can_read_return(user: Any, stat_return: Any) -> Decision:
    """A return's figures: its reporter's representatives and the staff of its region."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to see returns."))
    if roles.acts_as_staff_for(user, stat_return.region_id):
        return ALLOW
    role = REPRESENTATIVE_ROLE.get(stat_return.reporter)
    record = stat_return.reporter_record
    if role and record is not None and roles.represents(user, record.organisation_id, role):
        return ALLOW
    return deny(_("Only its reporter and the staff of its region see this return."))


def can_upload(user: Any) -> Decision:
    """Bulk uploads: district officials and centre staff (each row is then checked by region)."""
    if roles.staff_regions(user):
        return ALLOW
    return deny(_("Only district officials and centre staff upload returns in bulk."))


def can_manage_calendar(user: Any, period: Any = None) -> Decision:
    """Opening, locking and releasing quarters, and reference series: centre staff."""
    if roles.is_centre_staff(user):
        return ALLOW
    return deny(_("Only centre staff manage the reporting calendar."))


def can_enter_reference(user: Any, region_code: str) -> Decision:
    if roles.acts_as_staff_for(user, region_code, Role.CENTRE_STAFF):
        return ALLOW
    return deny(_("Only centre staff of the region enter its reference series."))


def can_follow_completeness(user: Any) -> Decision:
    if roles.staff_regions(user):
        return ALLOW
    return deny(_("Only agency staff follow who has reported."))
