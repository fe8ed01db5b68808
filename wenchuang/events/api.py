"""Events in the JSON API: events, registrations, meeting requests, meetings, agendas, runs."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Schema, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.directory.api.schemas import MAX_ID, choices_named

from . import permissions, selectors
from .models import Event, Meeting, MeetingRequest, Registration
from .services import meetings, participation, scheduling

router = DomainRouter()
EventKind = choices_named("EventKind", Event.Kind)
ParticipantRole = choices_named("ParticipantRole", Registration.Role)
ID = Path(..., ge=1, le=MAX_ID)


class EventDetailOut(Schema):
    id: int
    title: str
    summary: str
    kind: str
    format: str
    status: str
    time_zone: str = Field(description="IANA time zone the event's times are shown in")
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    region: str = Field(description="GB/T 2260 code")
    organiser: str
    meetings: bool

    @staticmethod
    def resolve_region(obj: Event) -> str:
        return obj.region_id

    @staticmethod
    def resolve_organiser(obj: Event) -> str:
        return str(obj.organiser)


class EventListQuery(PageQuery):
    kind: EventKind | None = None  # type: ignore[valid-type]
    upcoming: bool | None = None


@router.listing(
    "/events", EventDetailOut, tags=["events"], operation_id="event_list", summary="Events"
)
def event_list(request: HttpRequest, query: Query[EventListQuery]):
    return selectors.events_for(
        request.auth, kind=query.kind.value if query.kind else "", upcoming=query.upcoming
    )


@router.read(
    "/events/{id}",
    EventDetailOut,
    tags=["events"],
    operation_id="event_detail",
    summary="One event",
)
def event_detail(request: HttpRequest, id: int = ID):
    return selectors.get_event_for_view(request.auth, id)


class EventRegistrationOut(Schema):
    id: int
    display_name: str
    role: str
    country: str
    languages: list[str]
    time_zone: str
    interests: str
    status: str


class EventRegistrationQuery(PageQuery):
    role: ParticipantRole | None = None  # type: ignore[valid-type]
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$")


@router.listing(
    "/events/{id}/registrations",
    EventRegistrationOut,
    tags=["events"],
    operation_id="event_registration_list",
    summary="Approved participants (organisers: every registration)",
)
def registration_list(request: HttpRequest, query: Query[EventRegistrationQuery], id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    role = query.role.value if query.role else ""
    if permissions.is_organiser(request.auth, event):
        rows = selectors.registrations_to_decide(request.auth, event).order_by("id")
        rows = rows.filter(role=role) if role else rows
        return rows.filter(country=query.country.upper()) if query.country else rows
    return selectors.participants_for(request.auth, event, role=role, country=query.country)


class EventRegistrationIn(Schema):
    role: ParticipantRole  # type: ignore[valid-type]
    country: str = Field(..., min_length=2, max_length=2, description="ISO 3166 alpha-2")
    languages: list[str] = Field(default_factory=list, max_length=12)
    time_zone: str = Field("", max_length=64, description="IANA name; default the event's")
    interests: str = Field("", max_length=4000)
    display_name: str = Field("", max_length=200)


@router.write(
    "POST",
    "/events/{id}/registrations",
    {201: EventRegistrationOut},
    tags=["events"],
    operation_id="event_register",
    summary="Register the caller (the organiser approves)",
)
def event_register(request: HttpRequest, payload: EventRegistrationIn, id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    data = payload.model_dump()
    data["role"] = payload.role.value
    return Status(201, participation.register(event=event, by=request.auth, **data))


class EventRegistrationDecisionIn(Schema):
    approve: bool


@router.write(
    "POST",
    "/event-registrations/{id}/decision",
    {200: EventRegistrationOut},
    tags=["events"],
    operation_id="event_registration_decide",
    summary="Approve or reject a registration (organisers)",
)
def registration_decide(request: HttpRequest, payload: EventRegistrationDecisionIn, id: int = ID):
    registration = Registration.objects.filter(pk=id).first()
    if registration is None:
        raise Http404
    selectors.get_event_for_view(request.auth, registration.event_id)
    return participation.registration_decide(
        registration=registration, by=request.auth, approve=payload.approve
    )


class EventMeetingRequestOut(Schema):
    id: int
    requester_id: int
    requester: str
    recipient_id: int
    recipient: str
    message: str
    must_meet: bool
    status: str

    @staticmethod
    def resolve_requester(obj: MeetingRequest) -> str:
        return obj.requester.display_name

    @staticmethod
    def resolve_recipient(obj: MeetingRequest) -> str:
        return obj.recipient.display_name


def _me(request: HttpRequest, event: Event) -> Registration:
    me = selectors.registration_of(request.auth, event)
    decision = permissions.can_meet(me)
    if not decision:
        raise PermissionDenied(decision.reason)
    assert me is not None
    return me


@router.listing(
    "/events/{id}/meeting-requests",
    EventMeetingRequestOut,
    tags=["events"],
    operation_id="event_meeting_request_list",
    summary="The caller's meeting requests, sent and received (organisers: all)",
)
def meeting_request_list(request: HttpRequest, query: Query[PageQuery], id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    rows = MeetingRequest.objects.filter(event=event).select_related("requester", "recipient")
    if not permissions.is_organiser(request.auth, event):
        me = _me(request, event)
        rows = rows.filter(Q(requester=me) | Q(recipient=me))
    return rows.order_by("-created_at", "-id")


class EventMeetingRequestIn(Schema):
    recipient: int = Field(
        ..., ge=1, le=MAX_ID, description="The other participant's registration id"
    )
    message: str = Field("", max_length=1000)


@router.write(
    "POST",
    "/events/{id}/meeting-requests",
    {201: EventMeetingRequestOut},
    tags=["events"],
    operation_id="event_meeting_request_create",
    summary="Ask another approved participant for a 1:1 meeting",
)
def meeting_request_create(request: HttpRequest, payload: EventMeetingRequestIn, id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    me = _me(request, event)
    return Status(
        201,
        meetings.request_meeting(
            me=me, by=request.auth, other_id=payload.recipient, message=payload.message
        ),
    )


class EventMeetingAnswerIn(Schema):
    accept: bool


@router.write(
    "POST",
    "/meeting-requests/{id}/answer",
    {200: EventMeetingRequestOut},
    tags=["events"],
    operation_id="event_meeting_request_answer",
    summary="Accept or decline a meeting request (the participant asked)",
)
def meeting_request_answer(request: HttpRequest, payload: EventMeetingAnswerIn, id: int = ID):
    asked = MeetingRequest.objects.select_related("requester", "recipient").filter(pk=id).first()
    if asked is None:
        raise Http404
    selectors.get_event_for_view(request.auth, asked.event_id)
    return meetings.request_answer(request=asked, by=request.auth, accept=payload.accept)


class EventMeetingOut(Schema):
    id: int
    request_id: int
    participants: list[str]
    starts_at: dt.datetime
    ends_at: dt.datetime
    table: str
    online_link: str
    status: str

    @staticmethod
    def resolve_participants(obj: Meeting) -> list[str]:
        return [obj.request.requester.display_name, obj.request.recipient.display_name]

    @staticmethod
    def resolve_starts_at(obj: Meeting) -> dt.datetime:
        return obj.slot.starts_at

    @staticmethod
    def resolve_ends_at(obj: Meeting) -> dt.datetime:
        return obj.slot.ends_at

    @staticmethod
    def resolve_table(obj: Meeting) -> str:
        return obj.table.name

    @staticmethod
    def resolve_online_link(obj: Meeting) -> str:
        return obj.table.online_link


@router.listing(
    "/events/{id}/meetings",
    EventMeetingOut,
    tags=["events"],
    operation_id="event_meeting_list",
    summary="Scheduled meetings: the caller's (organisers: all)",
)
def meeting_list(request: HttpRequest, query: Query[PageQuery], id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    rows = selectors.meetings_of(event)
    if not permissions.is_organiser(request.auth, event):
        me = _me(request, event)
        rows = rows.filter(Q(request__requester=me) | Q(request__recipient=me))
    return rows


class EventAgendaItemOut(Schema):
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    where: str
    link: str
    with_whom: str


@router.read(
    "/events/{id}/agenda",
    list[EventAgendaItemOut],
    tags=["events"],
    operation_id="event_agenda",
    summary="The caller's agenda: meetings, sessions and field visits in time order",
)
def agenda(request: HttpRequest, id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    me = selectors.registration_of(request.auth, event)
    if me is None:
        raise PermissionDenied("You are not registered for this event.")
    return [item.__dict__ for item in selectors.agenda_for(request.auth, me)]


class EventSchedulerRunOut(Schema):
    id: int
    status: str
    progress: int
    requests: int
    placed: int
    must_placed: int
    must_total: int
    kept: int
    created_at: dt.datetime
    finished_at: dt.datetime | None


@router.write(
    "POST",
    "/events/{id}/scheduler-runs",
    {202: EventSchedulerRunOut},
    tags=["events"],
    operation_id="event_scheduler_run",
    summary="Run the meeting scheduler (organisers); one run at a time",
)
def scheduler_run(request: HttpRequest, id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    return Status(202, scheduling.scheduling_start(event=event, by=request.auth))


@router.read(
    "/events/{id}/scheduler-runs/latest",
    EventSchedulerRunOut,
    tags=["events"],
    operation_id="event_scheduler_run_latest",
    summary="The latest scheduler run and its progress (organisers)",
)
def scheduler_run_latest(request: HttpRequest, id: int = ID):
    event = selectors.get_event_for_view(request.auth, id)
    decision = permissions.can_organise(request.auth, event)
    if not decision:
        raise PermissionDenied(decision.reason)
    run = selectors.latest_run(event)
    if run is None:
        raise Http404
    return run
