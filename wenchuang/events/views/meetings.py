"""1:1 meeting pages: participants, preferences and requests, availability, the organiser's
set-up and scheduling, and the personal agenda (page, PDF, ICS)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.documents import pdf_response, render_pdf
from wenchuang.core.htmx import is_htmx
from wenchuang.core.permissions import require

from .. import calendar, permissions, selectors
from ..forms import (
    MeetingRequestForm,
    PreferenceForm,
    SlotSeriesForm,
    TableForm,
    aware,
    first_error,
)
from ..models import Meeting, MeetingPreference, MeetingRequest, MeetingTable, Registration
from ..services import meetings, organising, participation, scheduling
from .common import event_context, refused


def _me_or_refuse(request: HttpRequest, event) -> Registration:
    me = selectors.registration_of(request.user, event)
    require(permissions.can_meet(me))
    assert me is not None
    return me


@login_required
def participant_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    role = request.GET.get("role", "")
    if role not in Registration.Role.values:
        role = ""
    rows = selectors.participants_for(
        request.user,
        event,
        role=role,
        country=request.GET.get("country", "")[:2],
        q=request.GET.get("q", "")[:100],
    )
    page = Paginator(rows, 40).get_page(request.GET.get("page"))
    context = event_context(request, event)
    me = context["me"]
    preferences = selectors.preferences_of(me) if me else {}
    for participant in page.object_list:
        participant.my_preference = preferences.get(participant.pk, "")
    context.update(
        {
            "page": page,
            "role": role,
            "roles": Registration.Role.choices,
            "levels": MeetingPreference.Level.choices,
            "may_meet": permissions.can_meet(me).allowed,
        }
    )
    return render(request, "events/participants.html", context)


@require_POST
@login_required
def preference_set(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    form = PreferenceForm(request.POST)
    try:
        me = _me_or_refuse(request, event)
        if not form.is_valid():
            raise ValidationError(first_error(form))
        meetings.preference_set(me=me, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect(request.POST.get("next") or f"{event.get_absolute_url()}participants/")


@require_POST
@login_required
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    form = MeetingRequestForm(request.POST)
    try:
        me = _me_or_refuse(request, event)
        if not form.is_valid():
            raise ValidationError(first_error(form))
        meetings.request_meeting(
            me=me,
            by=request.user,
            other_id=form.cleaned_data["other"],
            message=form.cleaned_data["message"],
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("Your meeting request is sent."))
    return redirect("events:meetings", pk=event.pk)


@login_required
def my_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    me = _me_or_refuse(request, event)
    received, sent = selectors.requests_of(me)
    return render(
        request,
        "events/meetings.html",
        {**event_context(request, event), "received": received, "sent": sent},
    )


@require_POST
@login_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    meeting_request = get_object_or_404(MeetingRequest, pk=pk)
    event = selectors.get_event_for_view(request.user, meeting_request.event_id)
    try:
        if request.POST.get("action") == "cancel":
            meetings.request_cancel(request=meeting_request, by=request.user)
        else:
            meetings.request_answer(
                request=meeting_request,
                by=request.user,
                accept=request.POST.get("action") == "accept",
            )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect("events:meetings", pk=event.pk)


@login_required
def availability(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    me = _me_or_refuse(request, event)
    if request.method == "POST":
        try:
            ids = [int(v) for v in request.POST.getlist("slots")]
            participation.availability_set(registration=me, by=request.user, slot_ids=ids)
        except ValueError:
            messages.error(request, _("Unknown slot."))
        except (ValidationError, PermissionDenied) as error:
            refused(request, error)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("events:availability", pk=event.pk)
    return render(
        request,
        "events/availability.html",
        {
            **event_context(request, event),
            "slots": selectors.slots_of(event),
            "chosen": selectors.available_slot_ids(me),
        },
    )


@login_required
def meeting_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's slots and tables."""
    event = selectors.get_event_for_view(request.user, pk)
    require(permissions.can_organise(request.user, event))
    slot_form = SlotSeriesForm(request.POST if request.POST.get("form") == "slots" else None)
    table_form = TableForm(request.POST if request.POST.get("form") == "table" else None)
    if request.method == "POST":
        try:
            if slot_form.is_bound:
                if not slot_form.is_valid():
                    raise ValidationError(first_error(slot_form))
                data = slot_form.cleaned_data
                organising.slots_add_series(
                    event=event,
                    by=request.user,
                    first=aware(data["first"].replace(tzinfo=None), event.time_zone),
                    count=data["count"],
                    minutes=data["minutes"],
                    online=data["online"],
                )
                messages.success(request, _("The slots are added."))
            elif table_form.is_bound:
                if not table_form.is_valid():
                    raise ValidationError(first_error(table_form))
                organising.table_add(event=event, by=request.user, **table_form.cleaned_data)
                messages.success(request, _("The table is added."))
        except (ValidationError, PermissionDenied) as error:
            refused(request, error)
        else:
            return redirect("events:setup", pk=event.pk)
    return render(
        request,
        "events/setup.html",
        {
            **event_context(request, event),
            "slots": selectors.slots_of(event),
            "tables": MeetingTable.objects.filter(event=event),
            "slot_form": slot_form,
            "table_form": table_form,
        },
    )


@login_required
def schedule_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    require(permissions.can_organise(request.user, event))
    run = selectors.latest_run(event)
    context = {**event_context(request, event), "run": run}
    if is_htmx(request):
        return render(request, "events/_run.html", context)
    context["meetings"] = selectors.meetings_of(event)
    context["unplaced"] = _unplaced(run)
    return render(request, "events/schedule.html", context)


def _unplaced(run) -> list[tuple[MeetingRequest, str]]:
    if run is None or not run.unplaced:
        return []
    reasons = {
        "no_common_slot": _("no slot in which both are available"),
        "no_room": _("every common slot is taken (a participant or all tables busy)"),
    }
    ids = [row["request"] for row in run.unplaced[:200]]
    by_id = MeetingRequest.objects.select_related("requester", "recipient").in_bulk(ids)
    return [
        (by_id[row["request"]], reasons.get(row["reason"], row["reason"]))
        for row in run.unplaced[:200]
        if row["request"] in by_id
    ]


@require_POST
@login_required
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    try:
        scheduling.scheduling_start(event=event, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("The scheduler is running."))
    return redirect("events:schedule", pk=event.pk)


@require_POST
@login_required
def meeting_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    event = selectors.get_event_for_view(request.user, meeting.event_id)
    try:
        meetings.meeting_confirm(meeting=meeting, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect("events:schedule", pk=event.pk)


def _agenda_registration(request: HttpRequest, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    event = selectors.get_event_for_view(request.user, registration.event_id)
    return event, registration


@login_required
def my_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in participant's own agenda."""
    event = selectors.get_event_for_view(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect(event.get_absolute_url())
    return redirect("events:agenda", pk=registration.pk)


@login_required
def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    event, registration = _agenda_registration(request, pk)
    context = {**event_context(request, event), "registration": registration}
    try:
        context["items"] = selectors.agenda_for(request.user, registration)
    except ValidationError as error:
        context["refusal"] = " ".join(error.messages)
        return render(request, "events/agenda.html", context, status=409)
    context["zone"] = registration.time_zone
    return render(request, "events/agenda.html", context)


@login_required
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event, registration = _agenda_registration(request, pk)
    try:
        items = selectors.agenda_for(request.user, registration)
    except ValidationError as error:
        refused(request, error)
        return redirect("events:agenda", pk=registration.pk)
    pdf = render_pdf(
        "events/documents/agenda.html",
        {
            "event": event,
            "registration": registration,
            "items": items,
            "zone": registration.time_zone,
        },
        request=request,
    )
    return pdf_response(pdf, f"agenda-{event.pk}-{registration.pk}.pdf")


@login_required
def agenda_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event, registration = _agenda_registration(request, pk)
    try:
        items = selectors.agenda_for(request.user, registration)
    except ValidationError as error:
        refused(request, error)
        return redirect("events:agenda", pk=registration.pk)
    body = calendar.agenda_ics(event, registration, items, host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{event.pk}-{registration.pk}.ics"'
    )
    return response
