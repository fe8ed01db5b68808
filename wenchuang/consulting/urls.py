"""Consulting pages, under /consulting/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "consulting"

urlpatterns = [
    # /consulting/: the public register of certified providers
    path("", views.register_list, name="register"),
    # /consulting/certifications/: applications, decisions, documents
    path("certifications/", views.certification_list, name="certifications"),
    path("certifications/apply/", views.certification_apply, name="certification-apply"),
    path("certifications/<int:pk>/", views.certification_detail, name="certification"),
    path("certifications/<int:pk>/decide/", views.certification_move, name="certification-decide"),
    path(
        "certifications/<int:pk>/attach/", views.certification_attach, name="certification-attach"
    ),
    # /consulting/requests/: the enterprise's questions and the provider's work
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/accept/", views.request_accept, name="request-accept"),
    path("requests/<int:pk>/decline/", views.request_decline, name="request-decline"),
    path("requests/<int:pk>/message/", views.request_message, name="request-message"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request-answer"),
    path("requests/<int:pk>/close/", views.request_close, name="request-close"),
    path("requests/<int:pk>/rate/", views.request_rate, name="request-rate"),
    path("requests/<int:pk>/assign/", views.request_assign, name="request-assign"),
    # /consulting/oversight/: volumes, response times, ratings for staff
    path("oversight/", views.oversight, name="oversight"),
]
