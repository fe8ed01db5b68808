"""Statistics pages, under /statistics/ (below the language prefix)."""

from django.urls import path

from . import uploads_views, views

app_name = "statistics"

urlpatterns = [
    # /statistics/: the calendar and indicators; the return form of a quarter
    path("", views.home, name="home"),
    path("report/<int:pk>/", views.report, name="report"),
    path("returns/", views.return_list, name="returns"),
    path("returns/<int:pk>/", views.return_detail, name="return-detail"),
    # staff: completeness, quarter moves, bulk uploads
    path("completeness/", views.completeness_view, name="completeness"),
    path("periods/<int:pk>/move/", views.period_move, name="period-move"),
    path("reference/", views.reference_series, name="reference"),
    path("upload/", uploads_views.upload, name="upload"),
    path("upload/<int:pk>/", uploads_views.upload_detail, name="upload-detail"),
]

# Dashboards, plans, open data, quarterly reports and releases (figures_urls).
from . import figures_urls  # noqa: E402

urlpatterns += figures_urls.urlpatterns
