"""Who may do what at an event: organisers, approved participants, everyone else."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import STAFF_ROLES
from wenchuang.core.permissions import ALLOW, Decision, deny

from .models import Event, MeetingRequest, Registration


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_organiser(user: Any, event: Event) -> bool:
    """Staff of the organising body, or agency staff over the event's region."""
    if not _signed_in(user):
        return False
    if user.is_superuser or roles.represents(user, event.organiser_id):
        return True
    return roles.acts_as_staff_for(user, event.region_id, *STAFF_ROLES)


def can_organise(user: Any, event: Event) -> Decision:
    if is_organiser(user, event):
        return ALLOW
    return deny(_("Only the event's organisers may do this."))


def can_create_event(user: Any) -> Decision:
    if _signed_in(user) and (user.is_superuser or roles.has_role(user, *STAFF_ROLES)):
        return ALLOW
    return deny(_("Only agency staff organise events."))


def can_view_event(user: Any, event: Event) -> Decision:
    if event.status != Event.Status.DRAFT or is_organiser(user, event):
        return ALLOW
    return deny(_("This event is not published yet."))


def can_register(user: Any, event: Event) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in to register."))
    if event.status != Event.Status.OPEN:
        return deny(_("Registration for this event is closed."))
    return ALLOW


def approved_registration(user: Any, event: Event) -> Registration | None:
    if not _signed_in(user):
        return None
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.APPROVED
    ).first()


def can_browse_participants(user: Any, event: Event) -> Decision:
    if is_organiser(user, event) or approved_registration(user, event):
        return ALLOW
    return deny(_("Only approved participants see who else takes part."))


def can_meet(registration: Registration | None) -> Decision:
    """May this participant ask for and plan 1:1 meetings?"""
    if registration is None or registration.status != Registration.Status.APPROVED:
        return deny(_("Only approved participants arrange meetings."))
    if not registration.event.meetings:
        return deny(_("This event has no 1:1 meetings."))
    return ALLOW


def can_answer_request(user: Any, request: MeetingRequest) -> Decision:
    if _signed_in(user) and request.recipient.user_id == user.pk:
        return ALLOW
    return deny(_("Only the participant asked may accept or decline."))


def can_cancel_request(user: Any, request: MeetingRequest) -> Decision:
    if _signed_in(user) and user.pk in (request.requester.user_id, request.recipient.user_id):
        return ALLOW
    return deny(_("Only the two participants may cancel their meeting."))


def can_see_agenda(user: Any, registration: Registration) -> Decision:
    if _signed_in(user) and (
        registration.user_id == user.pk or is_organiser(user, registration.event)
    ):
        return ALLOW
    return deny(_("Only the participant and the organisers see this agenda."))
