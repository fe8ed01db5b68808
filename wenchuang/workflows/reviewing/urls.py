"""URLs of expert review: /reviews/ for reviewers, /reviews/calls/<id>/ for staff."""

from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    # /reviews/ — the reviewer's side
    path("reviews/", views.queue, name="queue"),
    path("reviews/calls/<int:pk>/declaration/", views.declaration, name="declaration"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/abstain/", views.abstain, name="abstain"),
    path("reviews/<int:pk>/reassign/", views.reassign, name="reassign"),
    # /reviews/calls/<id>/ — staff
    path("reviews/calls/<int:pk>/workload/", views.workload, name="workload"),
    path("reviews/calls/<int:pk>/assign/", views.assign, name="assign"),
    path("reviews/calls/<int:pk>/ranking/", views.ranking, name="ranking"),
]
