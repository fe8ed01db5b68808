"""The engine's pages (below the language prefix): calls, applications, staff lists."""

from django.urls import path

from .views import applications, calls, staff

app_name = "workflows"

urlpatterns = [
    # /calls/...
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.call_edit, name="call-create"),
    path("programmes/new/", calls.programme_create, name="programme-create"),
    path("calls/<int:pk>/", calls.call_detail, name="call-detail"),
    path("calls/<int:pk>/apply/", calls.call_apply, name="call-apply"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call-edit"),
    path("calls/<int:pk>/status/", calls.call_status, name="call-status"),
    path("calls/<int:pk>/applications/", staff.call_applications, name="call-applications"),
    # /applications/...
    path("applications/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application-edit"),
    path(
        "applications/<int:pk>/preview/",
        applications.application_preview,
        name="application-preview",
    ),
    path(
        "applications/<int:pk>/submit/", applications.application_submit, name="application-submit"
    ),
    path("applications/<int:pk>/move/", applications.application_move, name="application-move"),
    path(
        "applications/<int:pk>/co-applicants/",
        applications.application_co_applicant,
        name="application-co-applicant",
    ),
    path(
        "applications/<int:pk>/extend/", applications.application_extend, name="application-extend"
    ),
]
