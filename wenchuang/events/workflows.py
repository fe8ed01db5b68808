"""The events' workflows: an event's life, registrations, meeting requests; their audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.permissions import ALLOW, deny
from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Event, MeetingRequest, Registration

OPEN_REGISTRATION = register_verb("open_registration", _("registration opened"))
CLOSE_REGISTRATION = register_verb("close_registration", _("registration closed"))
HOLD = register_verb("hold_event", _("marked as held"))
CANCEL = register_verb("cancel", _("cancelled"))
REGISTER = register_verb("register", _("registered"))
WITHDRAW = register_verb("withdraw", _("withdrawn"))
ACCEPT = register_verb("accept", _("accepted"))
DECLINE = register_verb("decline", _("declined"))
REQUEST_MEETING = register_verb("request_meeting", _("meeting requested"))
SCHEDULE = register_verb("schedule_meetings", _("meetings scheduled"))
CONFIRM = register_verb("confirm_meeting", _("meeting confirmed"))


def _organiser(user, event):
    return permissions.can_organise(user, event)


def _organiser_of_registration(user, registration):
    return permissions.can_organise(user, registration.event)


def _own_registration(user, registration):
    if getattr(user, "pk", None) == registration.user_id:
        return ALLOW
    return deny(_("Only the participant may withdraw."))


EVENT = Workflow(
    states=Event.Status,
    moves=[
        Move("draft", "open", OPEN_REGISTRATION, _("open registration"), may=_organiser),
        Move("open", "closed", CLOSE_REGISTRATION, _("close registration"), may=_organiser),
        Move("closed", "open", OPEN_REGISTRATION, _("reopen registration"), may=_organiser),
        Move("open", "held", HOLD, _("mark as held"), may=_organiser),
        Move("closed", "held", HOLD, _("mark as held"), may=_organiser),
        Move("draft", "cancelled", CANCEL, _("cancel the event"), may=_organiser),
        Move("open", "cancelled", CANCEL, _("cancel the event"), may=_organiser),
        Move("closed", "cancelled", CANCEL, _("cancel the event"), may=_organiser),
    ],
)

REGISTRATION = Workflow(
    states=Registration.Status,
    moves=[
        Move("pending", "approved", "approve", _("approve"), may=_organiser_of_registration),
        Move("pending", "rejected", "reject", _("reject"), may=_organiser_of_registration),
        Move("rejected", "approved", "approve", _("approve"), may=_organiser_of_registration),
        Move("approved", "rejected", "reject", _("reject"), may=_organiser_of_registration),
        Move("pending", "withdrawn", WITHDRAW, _("withdraw"), may=_own_registration),
        Move("approved", "withdrawn", WITHDRAW, _("withdraw"), may=_own_registration),
        Move("withdrawn", "pending", REGISTER, _("register again"), may=_own_registration),
    ],
)

MEETING_REQUEST = Workflow(
    states=MeetingRequest.Status,
    moves=[
        Move("requested", "accepted", ACCEPT, _("accept"), may=permissions.can_answer_request),
        Move("requested", "declined", DECLINE, _("decline"), may=permissions.can_answer_request),
        Move("requested", "cancelled", CANCEL, _("cancel"), may=permissions.can_cancel_request),
        Move("accepted", "cancelled", CANCEL, _("cancel"), may=permissions.can_cancel_request),
    ],
)
