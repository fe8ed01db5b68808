"""Event pages: list, detail, create and edit, status moves, registration and approval, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation
from wenchuang.core.charts import Chart
from wenchuang.core.permissions import require

from .. import permissions, selectors
from ..forms import EventForm, RegistrationForm, first_error
from ..models import Event, FieldVisit, Registration
from ..services import organising, participation
from ..workflows import EVENT, REGISTRATION
from .common import event_context, refused


def event_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Event.Kind.values:
        kind = ""
    when = request.GET.get("when", "")
    upcoming = {"upcoming": True, "past": False}.get(when)
    rows = selectors.events_for(request.user, kind=kind, upcoming=upcoming)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "event_kinds": Event.Kind.choices,
            "event_kind": kind,
            "when": when,
            "may_create": permissions.can_create_event(request.user).allowed,
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    context = event_context(request, event)
    context.update(
        {
            "sessions": event.sessions.all(),
            "visits": event.field_visits.prefetch_related("stops", "sign_ups"),
            "exhibitors": event.exhibitors.select_related("booth"),
            "moves": EVENT.allowed_moves(request.user, event),
            "may_register": permissions.can_register(request.user, event).allowed,
            "signed_up": set(context["me"].visit_sign_ups.values_list("visit_id", flat=True))
            if context["me"]
            else set(),
        }
    )
    return render(request, "events/detail.html", context)


def _organisers_for(user):
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=roles.organisations(user))


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_event(request.user))
    form = EventForm(request.POST or None, organisers=_organisers_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = organising.event_create(
                by=request.user,
                organiser=data.pop("organiser"),
                region_code=data.pop("region_code"),
                data=data,
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error)
        else:
            messages.success(request, _("The event is saved as a draft."))
            return redirect(event.get_absolute_url())
    return render(request, "events/form.html", {"form": form})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    require(permissions.can_organise(request.user, event))
    form = EventForm(request.POST or None, instance=event, organisers=Organisation.objects.none())
    if request.method == "POST" and form.is_valid():
        try:
            organising.event_update(event=event, by=request.user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            refused(request, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event.get_absolute_url())
    return render(request, "events/form.html", {"form": form, "event": event})


@require_POST
@login_required
def event_move(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    try:
        organising.event_move(event=event, by=request.user, target=request.POST.get("target", ""))
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect(event.get_absolute_url())


@login_required
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    initial = {"time_zone": event.time_zone, "display_name": str(request.user.organisation or "")}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                participation.register(event=event, by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                refused(request, error)
            else:
                messages.success(
                    request, _("You are registered; the organiser will approve your registration.")
                )
                return redirect(event.get_absolute_url())
        else:
            messages.error(request, first_error(form))
    return render(request, "events/register.html", {**event_context(request, event), "form": form})


@require_POST
@login_required
def event_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    me = selectors.registration_of(request.user, event)
    if me is None:
        raise PermissionDenied(_("You are not registered for this event."))
    try:
        participation.registration_withdraw(registration=me, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("You withdrew from the event."))
    return redirect(event.get_absolute_url())


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    status = request.GET.get("status", "")
    if status not in Registration.Status.values:
        status = ""
    rows = selectors.registrations_to_decide(request.user, event, status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "events/registrations.html",
        {
            **event_context(request, event),
            "page": page,
            "status": status,
            "statuses": Registration.Status.choices,
            "workflow": REGISTRATION,
        },
    )


@require_POST
@login_required
def registration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = selectors.get_event_for_view(request.user, registration.event_id)
    try:
        participation.registration_decide(
            registration=registration, by=request.user, approve=request.POST.get("approve") == "1"
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect("events:registrations", pk=event.pk)


@require_POST
@login_required
def visit_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(FieldVisit, pk=pk)
    event = selectors.get_event_for_view(request.user, visit.event_id)
    try:
        if request.POST.get("leave"):
            participation.field_visit_leave(visit=visit, by=request.user)
        else:
            participation.field_visit_sign_up(visit=visit, by=request.user)
            messages.success(request, _("You are signed up for the field visit."))
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    return redirect(event.get_absolute_url())


def event_report(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_view(request.user, pk)
    report = selectors.report(event)
    from wenchuang.core.languages import reader_language

    countries = _country_names([code for code, _n in report.by_country], reader_language())
    chart = Chart(
        id="participants-by-country",
        title=_("Participants by country"),
        columns=[_("Country"), _("Participants")],
        rows=[[countries.get(code, code), n] for code, n in report.by_country],
        kind="bar",
    )
    return render(
        request,
        "events/report.html",
        {**event_context(request, event), "report": report, "chart": chart},
    )


def _country_names(codes: list[str], language: str) -> dict[str, str]:
    from babel import Locale

    from wenchuang.core.money import babel_locale

    locale: Locale = babel_locale(language)
    return {code: locale.territories.get(code, code) for code in codes}
