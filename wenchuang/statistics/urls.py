"""Statistics pages, under /statistics/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.home, name="home"),
]

# Dashboards, plans, open data, quarterly reports and releases (figures_urls).
from . import figures_urls  # noqa: E402

urlpatterns += figures_urls.urlpatterns
