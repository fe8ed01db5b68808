"""Who may see and act on awards, tranches and reports on the use of funds, with the reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction

from .models import Award, Tranche, UseReport

# The roles in which a person speaks for a recipient organisation (not as an association
# member, which is the organisation's membership, nor as an expert).
RECIPIENT_ROLES = (
    Role.ENTERPRISE_REP,
    Role.PARK_MANAGER,
    Role.SERVICE_PROVIDER,
    Role.INVESTOR,
)


def speaks_for_recipient(user, award: Award) -> bool:
    return roles.represents(user, award.recipient_id, *RECIPIENT_ROLES)


def recipient_organisations(user) -> frozenset[int]:
    return roles.organisations(user, *RECIPIENT_ROLES)


def manages(user, award: Award) -> bool:
    """Centre staff over the award's region (or an administrator) run its payments."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or roles.acts_as_staff_for(user, award.region_id, Role.CENTRE_STAFF))
    )


def can_view_award(user, award: Award) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to see this award."))
    if speaks_for_recipient(user, award) or in_jurisdiction(user, award.region_id):
        return ALLOW
    return deny(_("Only the recipient and the agency staff of its region see this award."))


def can_manage_award(user, award: Award) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in as centre staff to manage awards."))
    if manages(user, award):
        return ALLOW
    if roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("This award lies outside your jurisdiction."))
    return deny(_("Only centre staff manage awards, their payments and reports."))


def can_list_awards(user) -> Decision:
    """Staff see their jurisdiction's awards; recipients their own (the list narrows)."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to see awards."))
    return ALLOW


def can_sign(user, award: Award) -> Decision:
    decision = can_manage_award(user, award)
    if decision and not award.tranches.exists():
        return deny(_("Set the payment tranches before recording the agreement."))
    return decision


def can_pay(user, tranche: Tranche) -> Decision:
    decision = can_manage_award(user, tranche.award)
    if not decision:
        return decision
    if tranche.paid_on is not None:
        return deny(_("This tranche has already been paid."))
    if tranche.award.status != Award.Status.PAYMENTS:
        return deny(_("Tranches are paid only while the award is in its payment stage."))
    if tranche.needs_report:
        report = UseReport.objects.filter(tranche=tranche).first()
        if report is None or report.status != UseReport.Status.ACCEPTED:
            return deny(
                _("The report on the milestone “%(milestone)s” must be accepted first.")
                % {"milestone": tranche.milestone}
            )
    return ALLOW


def can_view_report(user, report: UseReport) -> Decision:
    return can_view_award(user, report.award)


def _stage_takes(report: UseReport) -> bool:
    """Is the award at a stage where this report can be sent?"""
    if report.kind == UseReport.Kind.FINAL:
        return report.award.status == Award.Status.REPORTING
    return report.award.status in (Award.Status.PAYMENTS, Award.Status.REPORTING)


def can_submit_report(user, report: UseReport) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to submit a report."))
    if not speaks_for_recipient(user, report.award):
        return deny(_("Only the recipient's representatives submit its reports."))
    if not report.is_open:
        return deny(_("This report has already been sent."))
    if not _stage_takes(report):
        if report.kind == UseReport.Kind.FINAL:
            return deny(_("The final report is sent once every tranche has been paid."))
        return deny(_("The award does not take reports at its current stage."))
    return ALLOW


def can_attach_to_report(user, report: UseReport) -> Decision:
    """Attachments go with a report until it is sent."""
    return can_submit_report(user, report)


def can_decide_report(user, report: UseReport) -> Decision:
    decision = can_manage_award(user, report.award)
    if decision and report.status != UseReport.Status.SUBMITTED:
        return deny(_("Only a submitted report can be accepted or rejected."))
    return decision


def can_act_for_recipient(user, award: Award) -> Decision:
    if speaks_for_recipient(user, award):
        return ALLOW
    return deny(_("Only the recipient's representatives do this."))
