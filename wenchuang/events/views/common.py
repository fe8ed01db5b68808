"""What the events pages share: refusals as messages, the reader's zone, the event's context."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .. import permissions, selectors
from ..models import Event


def refused(request: HttpRequest, error: Exception) -> None:
    if isinstance(error, ValidationError):
        text = " ".join(str(m) for m in error.messages)
    else:
        text = str(error)
    messages.error(request, text or _("You may not do this."))


def reader_zone(request: HttpRequest, event: Event, registration: Any = None) -> str:
    """The reader's zone: their registration's, else the site's."""
    if registration is not None:
        return registration.time_zone
    from django.conf import settings

    return settings.TIME_ZONE


def event_context(request: HttpRequest, event: Event) -> dict:
    me = selectors.registration_of(request.user, event)
    return {
        "event": event,
        "me": me,
        "organiser": permissions.is_organiser(request.user, event),
        "reader_zone": reader_zone(request, event, me),
    }
