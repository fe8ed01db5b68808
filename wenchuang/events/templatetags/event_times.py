"""Times of an event shown in a given zone (the event's, the reader's), in the reader's language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from babel.dates import format_date, format_time
from django import template

from wenchuang.core.money import babel_locale

register = template.Library()


def _zone(zone: object) -> zoneinfo.ZoneInfo:
    if isinstance(zone, zoneinfo.ZoneInfo):
        return zone
    try:
        return zoneinfo.ZoneInfo(str(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def in_zone(value: dt.datetime | None, zone: object, language: str | None = None) -> str:
    """ "20 Apr 2027, 09:00 (Asia/Shanghai)" in the reader's language."""
    if value is None:
        return ""
    tz = _zone(zone)
    local = value.astimezone(tz)
    locale = babel_locale(language)
    day = format_date(local, format="medium", locale=locale)
    return f"{day} {format_time(local, format='short', locale=locale)} ({tz.key})"


def time_in_zone(value: dt.datetime | None, zone: object, language: str | None = None) -> str:
    if value is None:
        return ""
    return format_time(value.astimezone(_zone(zone)), format="short", locale=babel_locale(language))


register.filter("in_zone", in_zone)
register.filter("time_in_zone", time_in_zone)
