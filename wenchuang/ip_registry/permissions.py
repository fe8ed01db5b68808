"""Who may register works, read their files and see who registered them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.core.permissions import ALLOW, Decision, deny


def can_register(user: Any, organisation_id: int | None = None) -> Decision:
    """Any signed-in person registers their own works; for an organisation, one who acts for it."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in to register a work."))
    if organisation_id is not None and not roles.represents(user, organisation_id):
        return deny(_("You do not act for this organisation."))
    return ALLOW


def is_holder(user: Any, work: Any) -> bool:
    """The person who registered the work, or someone who acts for its rights holder."""
    if not getattr(user, "is_authenticated", False):
        return False
    return work.owner_id == user.pk or roles.represents(user, work.organisation_id)


def can_read_files(user: Any, work: Any) -> Decision:
    """The deposited files are the holder's; centre staff may read them to settle a dispute."""
    if is_holder(user, work) or roles.is_centre_staff(user):
        return ALLOW
    return deny(_("Only the rights holder and centre staff may open the deposited files."))


def can_attach(user: Any, work: Any) -> Decision:
    """Files are deposited at registration, by the person registering."""
    if getattr(user, "is_authenticated", False) and work.owner_id == user.pk:
        return ALLOW
    return deny(_("Only the person registering a work deposits its files."))
