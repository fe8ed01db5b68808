"""The events pages' addresses (under /events/)."""

from django.urls import path

from .views import events, meetings

app_name = "events"

urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_create, name="create"),
    path("<int:pk>/", events.event_detail, name="detail"),
    path("<int:pk>/edit/", events.event_edit, name="edit"),
    path("<int:pk>/move/", events.event_move, name="move"),
    path("<int:pk>/register/", events.event_register, name="register"),
    path("<int:pk>/withdraw/", events.event_withdraw, name="withdraw"),
    path("<int:pk>/registrations/", events.registrations, name="registrations"),
    path("registrations/<int:pk>/decide/", events.registration_decide, name="registration-decide"),
    path("visits/<int:pk>/sign-up/", events.visit_sign_up, name="visit-sign-up"),
    path("<int:pk>/report/", events.event_report, name="report"),
    path("<int:pk>/participants/", meetings.participant_list, name="participants"),
    path("<int:pk>/preference/", meetings.preference_set, name="preference"),
    path("<int:pk>/request/", meetings.request_create, name="request"),
    path("<int:pk>/meetings/", meetings.my_meetings, name="meetings"),
    path("requests/<int:pk>/answer/", meetings.request_answer, name="request-answer"),
    path("<int:pk>/availability/", meetings.availability, name="availability"),
    path("<int:pk>/setup/", meetings.meeting_setup, name="setup"),
    path("<int:pk>/schedule/", meetings.schedule_page, name="schedule"),
    path("<int:pk>/schedule/run/", meetings.schedule_run, name="schedule-run"),
    path("meetings/<int:pk>/confirm/", meetings.meeting_confirm, name="meeting-confirm"),
    path("<int:pk>/agenda/", meetings.my_agenda, name="my-agenda"),
    path("registrations/<int:pk>/agenda/", meetings.agenda_page, name="agenda"),
    path("registrations/<int:pk>/agenda.pdf", meetings.agenda_pdf, name="agenda-pdf"),
    path("registrations/<int:pk>/agenda.ics", meetings.agenda_ics, name="agenda-ics"),
]
