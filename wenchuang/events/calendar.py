"""A participant's agenda as an iCalendar file (RFC 5545) that calendar programs import."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def agenda_ics(event: Any, registration: Any, items: list, *, host: str) -> bytes:
    """One VEVENT per agenda item, in UTC, with a stable UID so a re-import updates it."""
    cal = Calendar()
    cal.add("prodid", "-//Wenchuang//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(event.title))
    stamp = timezone.now()
    for item in items:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}-{registration.pk}-{item.key}@{host}")
        entry.add("summary", str(item.title))
        entry.add("dtstart", item.starts_at)
        entry.add("dtend", item.ends_at)
        entry.add("dtstamp", stamp)
        if item.where:
            entry.add("location", item.where)
        if item.link:
            entry.add("url", item.link)
        cal.add_component(entry)
    return cal.to_ical()
