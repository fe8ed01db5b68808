"""Designation pages, under /designation/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "designation"

urlpatterns = [
    # /designation/: the public register and a designation's page
    path("", views.register_list, name="register"),
    path("<int:pk>/", views.designation_detail, name="detail"),
    path("<int:pk>/certificate.pdf", views.designation_certificate, name="certificate"),
    path("<int:pk>/move/", views.designation_move, name="move"),
    path("<int:pk>/yearly/", views.yearly_order, name="yearly-order"),
    # /designation/assessments/: assessors' and staff's queue, the assessment form
    path("assessments/", views.assessment_queue, name="queue"),
    path("assessments/order/", views.assessment_order, name="order"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/designate/", views.assessment_designate, name="designate"),
    path("assessments/<int:pk>/decide/", views.assessment_decide, name="decide"),
]
