"""Reads of events: lists, participants, requests, agendas and the event report's figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import (
    Event,
    Meeting,
    MeetingPreference,
    MeetingRequest,
    MeetingSlot,
    Registration,
    SchedulingRun,
)
from .signings import Signing, signed_value, signings_at


def events_for(user: Any, *, kind: str = "", upcoming: bool | None = None) -> QuerySet[Event]:
    """Published events for everyone, and the drafts of events the user organises."""
    from wenchuang.accounts import roles
    from wenchuang.core.regions import jurisdiction_scope

    base = Event.objects.select_related("organiser", "region")
    rows = base.exclude(status=Event.Status.DRAFT)
    if getattr(user, "is_authenticated", False):
        drafts = base.filter(status=Event.Status.DRAFT)
        rows = rows | drafts.filter(organiser_id__in=roles.organisations(user))
        rows = rows | jurisdiction_scope(user, drafts)
    if kind:
        rows = rows.filter(kind=kind)
    if upcoming is True:
        rows = rows.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")
    elif upcoming is False:
        rows = rows.filter(ends_at__lt=timezone.now())
    return rows


def get_event_for_view(user: Any, pk: int) -> Event:
    event = Event.objects.select_related("organiser", "region").filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    decision = permissions.can_view_event(user, event)
    if not decision:
        raise Http404(decision.reason)
    return event


def registration_of(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def participants(event: Event, *, role: str = "", country: str = "", q: str = "") -> QuerySet:
    """Approved participants, the only ones others may browse."""
    rows = Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
    if role:
        rows = rows.filter(role=role)
    if country:
        rows = rows.filter(country=country.upper())
    if q:
        rows = rows.filter(Q(display_name__icontains=q) | Q(interests__icontains=q))
    return rows.order_by("display_name", "id")


def participants_for(user: Any, event: Event, **filters: Any) -> QuerySet:
    decision = permissions.can_browse_participants(user, event)
    if not decision:
        raise PermissionDenied(decision.reason)
    return participants(event, **filters)


def registrations_to_decide(user: Any, event: Event, status: str = "") -> QuerySet:
    if not permissions.is_organiser(user, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    rows = Registration.objects.filter(event=event).select_related("user", "organisation")
    return rows.filter(status=status) if status else rows.order_by("status", "created_at")


def preferences_of(me: Registration) -> dict[int, str]:
    return dict(MeetingPreference.objects.filter(registration=me).values_list("other_id", "level"))


def requests_of(me: Registration) -> tuple[QuerySet, QuerySet]:
    """(received, sent) meeting requests, newest first."""
    base = MeetingRequest.objects.select_related("requester", "recipient")
    return base.filter(recipient=me), base.filter(requester=me)


def slots_of(event: Event) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(event=event).order_by("starts_at")


def available_slot_ids(me: Registration) -> set[int]:
    return set(me.availability.values_list("slot_id", flat=True))


@dataclass
class AgendaItem:
    starts_at: Any
    ends_at: Any
    kind: str  # "meeting", "session", "visit"
    title: str
    where: str
    link: str = ""
    with_whom: str = ""
    key: str = ""  # stable per item: a calendar's re-import updates it


def agenda(registration: Registration) -> list[AgendaItem]:
    """The participant's meetings, the programme's sessions and their field visits, in order.

    A withdrawn or refused participant has no agenda: ValidationError says why.
    """
    if registration.status == Registration.Status.WITHDRAWN:
        raise ValidationError(
            _("This participant withdrew from the event; there is no agenda to show.")
        )
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError(
            _("The agenda is ready once the organiser approves the registration.")
        )
    event = registration.event
    items = []
    meetings = (
        Meeting.objects.filter(status__in=Meeting.PLACED)
        .filter(Q(request__requester=registration) | Q(request__recipient=registration))
        .select_related("slot", "table", "request__requester", "request__recipient")
    )
    for m in meetings:
        other = (
            m.request.recipient
            if m.request.requester_id == registration.pk
            else m.request.requester
        )
        items.append(
            AgendaItem(
                m.slot.starts_at,
                m.slot.ends_at,
                "meeting",
                _("Meeting with %(name)s") % {"name": other.display_name},
                m.table.name,
                m.table.online_link,
                other.display_name,
                f"meeting-{m.pk}",
            )
        )
    for s in event.sessions.all():
        items.append(
            AgendaItem(
                s.starts_at, s.ends_at, "session", str(s.title), s.room, key=f"session-{s.pk}"
            )
        )
    for sign_up in registration.visit_sign_ups.select_related("visit"):
        v = sign_up.visit
        items.append(
            AgendaItem(
                v.starts_at, v.ends_at, "visit", str(v.title), v.meeting_point, key=f"visit-{v.pk}"
            )
        )
    return sorted(items, key=lambda i: (i.starts_at, i.kind))


def agenda_for(user: Any, registration: Registration) -> list[AgendaItem]:
    decision = permissions.can_see_agenda(user, registration)
    if not decision:
        raise PermissionDenied(decision.reason)
    return agenda(registration)


def latest_run(event: Event) -> SchedulingRun | None:
    return SchedulingRun.objects.filter(event=event).order_by("-created_at", "-id").first()


def meetings_of(event: Event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(event=event, status__in=Meeting.PLACED)
        .select_related("slot", "table", "request__requester", "request__recipient")
        .order_by("slot__starts_at", "table_id")
    )


@dataclass
class Report:
    by_country: list[tuple[str, int]]
    by_role: list[tuple[str, int]]
    participants: int
    meetings: int
    meetings_held: int
    signings: list[Signing]
    signed: list[Any]


def report(event: Event) -> Report:
    """Participants by country and role, meetings, agreements signed and their value."""
    approved = Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
    countries = Counter(approved.values_list("country", flat=True))
    role_labels = dict(Registration.Role.choices)
    roles = Counter(approved.values_list("role", flat=True))
    placed = Meeting.objects.filter(event=event, status__in=Meeting.PLACED)
    signings = signings_at(event)
    return Report(
        by_country=sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])),
        by_role=[(str(role_labels.get(r, r)), n) for r, n in roles.most_common()],
        participants=sum(countries.values()),
        meetings=placed.count(),
        meetings_held=placed.filter(status=Meeting.Status.HELD).count()
        if event.status != Event.Status.HELD
        else placed.count(),
        signings=signings,
        signed=signed_value(signings),
    )
