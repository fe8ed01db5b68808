"""Award pages (mounted at /funding/, below the language prefix)."""

from django.urls import path

from .views import awards as views
from .views import decisions

app_name = "funding"

urlpatterns = [
    # /funding/awards/...
    path("awards/", views.award_list, name="awards"),
    path("awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("awards/<int:pk>/sign/", views.award_sign, name="award-sign"),
    path("awards/<int:pk>/tranches/", views.award_tranches, name="award-tranches"),
    path("awards/<int:pk>/action/", views.award_action, name="award-action"),
    # /funding/tranches/<id>/pay/, /funding/reports/<id>/...
    path("tranches/<int:pk>/pay/", views.tranche_pay, name="tranche-pay"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/decide/", views.report_decide, name="report-decide"),
    # /funding/calls/<id>/decisions/, /funding/applications/<id>/packet/
    path("calls/<int:pk>/decisions/", decisions.call_decisions, name="call-decisions"),
    path("applications/<int:pk>/packet/", decisions.packet, name="packet"),
    path("applications/<int:pk>/packet.pdf", decisions.packet_pdf, name="packet-pdf"),
]
