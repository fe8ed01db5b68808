"""Pages of the figures computed from returns: dashboards, plans, open data, reports, release."""

from django.urls import path

from . import dashboard_views, open_data_views, report_views

urlpatterns = [
    path("dashboard/", dashboard_views.public_dashboard, name="dashboard"),
    path("dashboard/staff/", dashboard_views.staff_dashboard, name="staff-dashboard"),
    path("plans/<int:pk>/", dashboard_views.plan_detail, name="plan"),
    path("data/", open_data_views.catalogue_page, name="open-data"),
    path("data/catalog.jsonld", open_data_views.catalogue_dcat, name="open-data-dcat"),
    path("data/figures.csv", open_data_views.released_csv, name="open-data-csv"),
    path("data/figures.json", open_data_views.released_json, name="open-data-json"),
    path("data/sdmx/structure.xml", open_data_views.sdmx_structure, name="sdmx-structure"),
    path("data/sdmx/data.xml", open_data_views.sdmx_data, name="sdmx-data"),
    path("data/sdmx/data.csv", open_data_views.sdmx_csv, name="sdmx-csv"),
    path("reports/", report_views.report_list, name="quarterly-reports"),
    path("reports/<int:pk>/", report_views.report_status, name="quarterly-report"),
    path(
        "reports/<int:pk>/report.pdf",
        report_views.report_pdf,
        name="quarterly-report-pdf",
    ),
    path(
        "reports/<int:pk>/report.xlsx",
        report_views.report_xlsx,
        name="quarterly-report-xlsx",
    ),
    path("periods/<int:pk>/release/", report_views.release, name="release"),
]
