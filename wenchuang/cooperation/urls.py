"""Park cooperation pages, under /cooperation/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("", views.batch_list, name="batches"),
    path("new/", views.batch_new, name="batch-new"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/move/", views.batch_move, name="batch-move"),
    path("<int:pk>/suggest/", views.batch_suggest, name="suggest"),
    path("<int:pk>/propose/", views.pairing_propose, name="propose"),
    path("pairs/<int:pk>/", views.pairing_detail, name="pairing"),
    path("pairs/<int:pk>/move/", views.pairing_move, name="pairing-move"),
    path("pairs/<int:pk>/sign/", views.pairing_sign, name="pairing-sign"),
    path("pairs/<int:pk>/report/", views.outcome_report, name="report"),
]
