"""Organisers' writes: events, sessions, meeting slots and tables, booths, field visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import transition
from wenchuang.reference.models import Region

from .. import permissions
from ..models import (
    Booth,
    Event,
    EventSession,
    FieldVisit,
    FieldVisitStop,
    MeetingSlot,
    MeetingTable,
)
from ..workflows import EVENT

EVENT_FIELDS = (
    "title_zh_hans",
    "title_en",
    "title_fr",
    "title_de",
    "summary_zh_hans",
    "summary_en",
    "summary_fr",
    "summary_de",
    "kind",
    "format",
    "time_zone",
    "starts_at",
    "ends_at",
    "venue",
    "online_link",
    "meetings",
    "meeting_minutes",
)


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError(
            {"region": _("Unknown region code “%(code)s” (GB/T 2260).") % {"code": code}}
        )
    return region


@transaction.atomic
def event_create(*, by: Any, organiser: Any, region_code: str, data: dict) -> Event:
    """A draft event of `organiser` (an organisation the creator acts for, or any for staff)."""
    require(permissions.can_create_event(by))
    event = Event(organiser=organiser, created_by=by)
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])
    place(event, _region(region_code))
    if not (event.title_zh_hans or event.title_en or event.title_fr or event.title_de):
        raise ValidationError({"title_zh_hans": _("Give the event a title in one language.")})
    event.full_clean()
    event.save()
    require(permissions.can_organise(by, event))
    audit_record(actor=by, action="create", instance=event)
    return event


@transaction.atomic
def event_update(*, event: Event, by: Any, data: dict) -> Event:
    require(permissions.can_organise(by, event))
    event = Event.objects.select_for_update().get(pk=event.pk)
    changes = {}
    for name in EVENT_FIELDS:
        if name in data and getattr(event, name) != data[name]:
            changes[name] = [str(getattr(event, name)), str(data[name])]
            setattr(event, name, data[name])
    if "region_code" in data:
        place(event, _region(data["region_code"]))
    event.full_clean()
    event.save()
    audit_record(actor=by, action="update", instance=event, changes=changes)
    return event


@transaction.atomic
def event_move(*, event: Event, by: Any, target: str) -> Event:
    """Open or close registration, mark as held, cancel (the EVENT workflow)."""
    transition(event, EVENT, target, by=by)
    return event


@transaction.atomic
def session_add(
    *,
    event: Event,
    by: Any,
    title_zh_hans: str = "",
    title_en: str = "",
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: str = "",
    signing: bool = False,
) -> EventSession:
    require(permissions.can_organise(by, event))
    session = EventSession(
        event=event,
        title_zh_hans=title_zh_hans,
        title_en=title_en,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        signing=signing,
    )
    session.full_clean()
    session.save()
    return session


def _overlapping(event: Event, starts_at: dt.datetime, ends_at: dt.datetime):
    return MeetingSlot.objects.filter(event=event, starts_at__lt=ends_at, ends_at__gt=starts_at)


@transaction.atomic
def slot_add(
    *, event: Event, by: Any, starts_at: dt.datetime, ends_at: dt.datetime, online: bool
) -> MeetingSlot:
    """A meeting slot; one that overlaps another slot of the event is refused, naming it."""
    require(permissions.can_organise(by, event))
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError(_("Give slot times with their time zone."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A slot ends after it starts.")})
    # Lock the event row so that two organisers adding slots at once cannot both pass.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    clash = _overlapping(event, starts_at, ends_at).first()
    if clash is not None:
        zone = event.zone
        raise ValidationError(
            {
                "starts_at": _("This slot overlaps the slot %(start)s–%(end)s.")
                % {
                    "start": clash.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    "end": clash.ends_at.astimezone(zone).strftime("%H:%M"),
                }
            }
        )
    slot = MeetingSlot(event=event, starts_at=starts_at, ends_at=ends_at, online=online)
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def slots_add_series(
    *, event: Event, by: Any, first: dt.datetime, count: int, minutes: int, online: bool
) -> list[MeetingSlot]:
    """`count` back-to-back slots of `minutes` from `first` (all or none)."""
    if not 1 <= count <= 48:
        raise ValidationError({"count": _("Add between 1 and 48 slots at a time.")})
    if not 5 <= minutes <= 240:
        raise ValidationError({"minutes": _("A slot lasts between 5 and 240 minutes.")})
    step = dt.timedelta(minutes=minutes)
    return [
        slot_add(
            event=event,
            by=by,
            starts_at=first + i * step,
            ends_at=first + (i + 1) * step,
            online=online,
        )
        for i in range(count)
    ]


@transaction.atomic
def table_add(
    *, event: Event, by: Any, name: str, kind: str = MeetingTable.Kind.TABLE, online_link: str = ""
) -> MeetingTable:
    require(permissions.can_organise(by, event))
    if kind == MeetingTable.Kind.ONLINE and not online_link:
        raise ValidationError({"online_link": _("An online room needs its meeting link.")})
    if MeetingTable.objects.filter(event=event, name=name).exists():
        raise ValidationError(
            {"name": _("This event already has a table named “%(name)s”.") % {"name": name}}
        )
    table = MeetingTable(event=event, name=name, kind=kind, online_link=online_link)
    table.full_clean()
    table.save()
    return table


@transaction.atomic
def booth_add(*, event: Event, by: Any, code: str, hall: str = "", area_m2: Any = 9) -> Booth:
    require(permissions.can_organise(by, event))
    if Booth.objects.filter(event=event, code=code).exists():
        raise ValidationError({"code": _("Booth %(code)s exists already.") % {"code": code}})
    booth = Booth(event=event, code=code, hall=hall, area_m2=area_m2)
    booth.full_clean()
    booth.save()
    return booth


@transaction.atomic
def field_visit_add(
    *,
    event: Event,
    by: Any,
    title_zh_hans: str = "",
    title_en: str = "",
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    meeting_point: str = "",
    stops: list[str] | None = None,
) -> FieldVisit:
    require(permissions.can_organise(by, event))
    visit = FieldVisit(
        event=event,
        title_zh_hans=title_zh_hans,
        title_en=title_en,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        meeting_point=meeting_point,
    )
    visit.full_clean()
    visit.save()
    for order, site in enumerate(stops or [], start=1):
        FieldVisitStop.objects.create(visit=visit, order=order, site=site)
    return visit
