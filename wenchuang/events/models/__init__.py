"""The events models: events and their participants, and the 1:1 meetings."""

from .events import (
    Booth,
    Event,
    EventSession,
    Exhibitor,
    FieldVisit,
    FieldVisitSignUp,
    FieldVisitStop,
    Registration,
    validate_time_zone,
)
from .meetings import (
    Availability,
    Meeting,
    MeetingPreference,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    SchedulingRun,
)

__all__ = [
    "Availability",
    "Booth",
    "Event",
    "EventSession",
    "Exhibitor",
    "FieldVisit",
    "FieldVisitSignUp",
    "FieldVisitStop",
    "Meeting",
    "MeetingPreference",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "Registration",
    "SchedulingRun",
    "validate_time_zone",
]
