"""Statistics pages, under /statistics/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.home, name="home"),
]
