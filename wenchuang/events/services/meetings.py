"""1:1 meetings: preferences, requests and their answers, confirming a scheduled meeting."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.transitions import transition

from .. import permissions
from ..models import Meeting, MeetingPreference, MeetingRequest, Registration
from ..workflows import CONFIRM, MEETING_REQUEST, REQUEST_MEETING


def _other(me: Registration, other_id: int) -> Registration:
    if other_id == me.pk:
        raise ValidationError(_("You cannot ask yourself for a meeting."))
    other = Registration.objects.filter(
        pk=other_id, event=me.event, status=Registration.Status.APPROVED
    ).first()
    if other is None:
        raise ValidationError(_("This participant is not an approved participant of the event."))
    return other


@transaction.atomic
def preference_set(*, me: Registration, by: Any, other_id: int, level: str) -> MeetingPreference:
    """Must meet / would like / no thanks for another participant (one value per pair)."""
    if me.user_id != getattr(by, "pk", None):
        raise ValidationError(_("You may only mark your own preferences."))
    require(permissions.can_meet(me))
    if level not in MeetingPreference.Level.values:
        raise ValidationError({"level": _("Unknown preference “%(level)s”.") % {"level": level}})
    other = _other(me, other_id)
    preference, _created = MeetingPreference.objects.update_or_create(
        registration=me, other=other, defaults={"level": level}
    )
    # The scheduler places must-meet requests first: mark the pair's open request.
    must = (
        level == MeetingPreference.Level.MUST
        or MeetingPreference.objects.filter(
            registration=other, other=me, level=MeetingPreference.Level.MUST
        ).exists()
    )
    pair = MeetingRequest.objects.filter(status__in=MeetingRequest.OPEN).filter(
        requester__in=[me, other], recipient__in=[me, other]
    )
    pair.update(must_meet=must)
    return preference


@transaction.atomic
def request_meeting(
    *, me: Registration, by: Any, other_id: int, message: str = ""
) -> MeetingRequest:
    if me.user_id != getattr(by, "pk", None):
        raise ValidationError(_("You may only ask for meetings as yourself."))
    require(permissions.can_meet(me))
    other = _other(me, other_id)
    if MeetingPreference.objects.filter(
        registration=other, other=me, level=MeetingPreference.Level.NO
    ).exists():
        raise ValidationError(_("This participant does not take meeting requests from you."))
    if MeetingRequest.objects.filter(
        status__in=MeetingRequest.OPEN, requester__in=[me, other], recipient__in=[me, other]
    ).exists():
        raise ValidationError(_("You have an open meeting request with this participant already."))
    must = MeetingPreference.objects.filter(
        registration__in=[me, other],
        other__in=[me, other],
        level=MeetingPreference.Level.MUST,
    ).exists()
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event=me.event,
                requester=me,
                recipient=other,
                message=message[:1000],
                must_meet=must,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("You have an open meeting request with this participant already.")
        ) from exc
    audit_record(actor=by, action=REQUEST_MEETING, instance=request)
    notify(
        "meeting_requested",
        [other.user],
        {"request": request, "event": me.event},
        link=reverse_lazy("events:meetings", args=[me.event_id]),
    )
    return request


@transaction.atomic
def request_answer(*, request: MeetingRequest, by: Any, accept: bool) -> MeetingRequest:
    target = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    transition(request, MEETING_REQUEST, target, by=by, expected=MeetingRequest.Status.REQUESTED)
    return request


@transaction.atomic
def request_cancel(*, request: MeetingRequest, by: Any) -> MeetingRequest:
    transition(request, MEETING_REQUEST, MeetingRequest.Status.CANCELLED, by=by)
    Meeting.objects.filter(request=request).update(status=Meeting.Status.CANCELLED)
    return request


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, by: Any) -> Meeting:
    """The organiser confirms a scheduled meeting: re-runs of the scheduler keep it in place."""
    require(permissions.can_organise(by, meeting.event))
    moved = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.PROPOSED).update(
        status=Meeting.Status.CONFIRMED
    )
    if not moved:
        raise ValidationError(_("Only a scheduled meeting can be confirmed."))
    meeting.status = Meeting.Status.CONFIRMED
    audit_record(actor=by, action=CONFIRM, instance=meeting)
    return meeting
