"""Who may see and do what in consulting; every answer carries its reason.

Centre staff certify providers of their jurisdiction (the provider's region) and oversee
the requests placed in it. A provider's people (service_provider role for the provider's
organisation) apply for certification and work on the requests assigned to their provider —
never another provider's. An enterprise's representatives file, follow and rate their
enterprise's requests.
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


def provider_organisations(user: Any) -> frozenset[int]:
    """The organisations the user speaks for as a service provider."""
    return roles.organisations(user, Role.SERVICE_PROVIDER)


def speaks_for_provider(user: Any, provider: Any) -> bool:
    return roles.represents(user, provider.organisation_id, Role.SERVICE_PROVIDER)


def is_oversight_staff(user: Any) -> bool:
    return bool(roles.staff_regions(user))


# Certification ---------------------------------------------------------------------------


def can_apply(user: Any, provider: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in as the provider's representative to apply for certification."))
    if not speaks_for_provider(user, provider):
        return deny(_("Only the provider's own people apply for its certification."))
    return ALLOW


def can_decide_certification(user: Any, certification: Any) -> Decision:
    """Centre staff over the provider's region certify, refuse, suspend, reinstate, revoke."""
    if not _signed_in(user):
        return deny(_("Sign in as centre staff to decide certifications."))
    if user.is_superuser or roles.acts_as_staff_for(
        user, certification.region_id, Role.CENTRE_STAFF
    ):
        return ALLOW
    if not roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("Only centre staff decide certifications."))
    return deny(_("This provider lies outside your jurisdiction."))


def only_the_system(user: Any, certification: Any) -> Decision:
    if user is None:
        return ALLOW
    return deny(_("A certification expires by itself at the end of its validity."))


def can_view_certification(user: Any, certification: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in to see certification files."))
    if speaks_for_provider(user, certification.provider) or in_jurisdiction(
        user, certification.region_id
    ):
        return ALLOW
    return deny(_("This certification file belongs to another provider."))


def can_attach_to_certification(user: Any, certification: Any) -> Decision:
    if not speaks_for_provider(user, certification.provider):
        return deny(_("Only the provider's own people add documents to its application."))
    if certification.status != "applied":
        return deny(_("Documents are added while the application awaits its decision."))
    return ALLOW


# Requests --------------------------------------------------------------------------------


def can_file(user: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in as an enterprise representative to ask a question."))
    if not roles.organisations(user, Role.ENTERPRISE_REP):
        return deny(_("Only enterprise representatives file consulting requests."))
    return ALLOW


def is_requester(user: Any, request: Any) -> bool:
    return roles.represents(user, request.organisation_id, Role.ENTERPRISE_REP)


def is_assigned(user: Any, request: Any) -> bool:
    """Does the user speak for the provider the request is assigned to right now?"""
    if request.provider_id is None:
        return False
    return speaks_for_provider(user, request.provider)


def can_view_request(user: Any, request: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in to see consulting requests."))
    if is_requester(user, request) or is_assigned(user, request):
        return ALLOW
    if in_jurisdiction(user, request.region_id):
        return ALLOW
    return deny(_("This request is not yours and not assigned to your provider."))


def may_work_on(user: Any, request: Any) -> Decision:
    """Accept, decline, answer: only the provider the request is assigned to."""
    if is_assigned(user, request):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as the assigned provider's representative."))
    return deny(_("This request is not assigned to your provider."))


def may_close(user: Any, request: Any) -> Decision:
    if is_requester(user, request) or is_assigned(user, request):
        return ALLOW
    return deny(_("Only the enterprise or the assigned provider closes a request."))


def may_assign(user: Any, request: Any) -> Decision:
    """Staff over the request's region send a waiting or unassigned request elsewhere."""
    if _signed_in(user) and (
        user.is_superuser or roles.acts_as_staff_for(user, request.region_id, Role.CENTRE_STAFF)
    ):
        return ALLOW
    return deny(_("Only centre staff over the enterprise's region reassign a request."))


def can_message(user: Any, request: Any) -> Decision:
    if request.status == "closed":
        return deny(_("This request is closed."))
    if is_requester(user, request):
        return ALLOW
    if is_assigned(user, request):
        if request.status in ("accepted", "answered"):
            return ALLOW
        return deny(_("Accept the request before writing in its thread."))
    return deny(_("Only the enterprise and the assigned provider write in this thread."))


def can_rate(user: Any, request: Any) -> Decision:
    if not is_requester(user, request):
        return deny(_("Only the enterprise that asked rates the answer."))
    if request.status not in ("answered", "closed"):
        return deny(_("A request is rated once it has been answered."))
    if request.rating is not None:
        return deny(_("This answer has already been rated."))
    return ALLOW


def can_attach_to_request(user: Any, request: Any) -> Decision:
    if request.status == "closed":
        return deny(_("This request is closed."))
    if is_requester(user, request) or (
        is_assigned(user, request) and request.status in ("accepted", "answered")
    ):
        return ALLOW
    return deny(_("Only the enterprise and the assigned provider attach files."))


def can_oversee(user: Any) -> Decision:
    if is_oversight_staff(user):
        return ALLOW
    if not _signed_in(user):
        return deny(_("Sign in as agency staff to see the oversight."))
    return deny(_("Only agency staff see the oversight of consulting."))
