"""Who may see and do what with park pairings; every answer carries its reason.

Centre staff over a batch's jurisdiction run it: they create the batch, ask for suggestions,
confirm or decline pairs and record signed agreements. Confirmed pairs are public. Either
park's managers (the operator's park managers) and staff over either park report outcomes.
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


def can_run_batches(user: Any, region_code: str | None) -> Decision:
    """May the user create and run pairing batches in `region_code` (centre staff over it)?"""
    if not _signed_in(user):
        return deny(_("Sign in as centre staff to run pairing batches."))
    if user.is_superuser or roles.acts_as_staff_for(user, region_code, Role.CENTRE_STAFF):
        return ALLOW
    if not roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("Only centre staff run pairing batches."))
    return deny(_("This batch is run by another jurisdiction."))


def can_run(user: Any, batch: Any) -> Decision:
    return can_run_batches(user, batch.region_id)


def may_decide_pairing(user: Any, pairing: Any) -> Decision:
    """Confirming, declining, signing and ending are the batch's agency's."""
    return can_run(user, pairing.batch)


def manages_either_park(user: Any, pairing: Any) -> bool:
    return any(
        park.organisation_id and roles.represents(user, park.organisation_id, Role.PARK_MANAGER)
        for park in (pairing.carrying_park, pairing.partner_park)
    )


def oversees(user: Any, pairing: Any) -> bool:
    """Staff over either park's region, or over the batch's, oversee the pair."""
    return any(
        in_jurisdiction(user, code)
        for code in (pairing.region_id, pairing.partner_region_code, pairing.batch.region_id)
    )


def can_view_pairing(user: Any, pairing: Any) -> Decision:
    if pairing.is_public or oversees(user, pairing):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as staff to see suggested pairs."))
    return deny(_("Suggested and declined pairs are seen by the agency's staff only."))


def can_report(user: Any, pairing: Any) -> Decision:
    """Either park's managers, and staff over either park, report a pair's outcomes."""
    if pairing.status not in ("confirmed", "signed"):
        return deny(_("Outcomes are reported for confirmed pairs only."))
    if not _signed_in(user):
        return deny(_("Sign in as a manager of one of the two parks."))
    if manages_either_park(user, pairing) or oversees(user, pairing):
        return ALLOW
    return deny(_("Only the managers of the two parks report this pair's outcomes."))
