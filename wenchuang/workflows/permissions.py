"""Who may do what with calls and applications, each answer with its reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction


def may_act_as_applicant(user: Any, application: Any) -> Decision:
    """Someone who speaks for the applicant organisation (in any role)."""
    if roles.represents(user, application.applicant_id):
        return ALLOW
    return deny(_("Only the applicant's representatives may do this."))


def may_act_as_staff(user: Any, application: Any) -> Decision:
    """Agency staff whose jurisdiction holds the applicant's region (administrators anywhere)."""
    if getattr(user, "is_superuser", False) or in_jurisdiction(user, application.region_id):
        return ALLOW
    return deny(_("Only agency staff of the applicant's region may do this."))


def may_manage_call(user: Any, call: Any) -> Decision:
    """Agency staff whose jurisdiction holds the programme's."""
    if getattr(user, "is_superuser", False) or in_jurisdiction(
        user, call.programme.jurisdiction_id
    ):
        return ALLOW
    return deny(_("Only agency staff of the programme's region may change its calls."))


def may_manage_programme(user: Any, programme: Any) -> Decision:
    if getattr(user, "is_superuser", False) or in_jurisdiction(user, programme.jurisdiction_id):
        return ALLOW
    return deny(_("Only agency staff of the programme's region may change it."))


def may_read_application(user: Any, application: Any) -> Decision:
    """The applicant, a co-applicant, or staff of its region."""
    if may_act_as_applicant(user, application) or may_act_as_staff(user, application):
        return ALLOW
    ids = roles.organisations(user)
    if ids and application.co_applicants.filter(pk__in=ids).exists():
        return ALLOW
    return deny(_("Only the applicant and agency staff of its region may see this application."))


def may_apply(user: Any, organisation_id: int | None) -> Decision:
    if organisation_id is not None and roles.represents(user, organisation_id):
        return ALLOW
    return deny(_("You may apply only for an organisation you represent."))


def may_attach(user: Any, application: Any) -> Decision:
    """The applicant's people, while the application's stage lets them edit it."""
    from .stages import StageTable

    decision = may_act_as_applicant(user, application)
    if decision and not StageTable(application.stage_table).applicant_edits(application.stage):
        return deny(_("Files can be attached only while the application can be edited."))
    return decision
