"""Directory pages (mounted at the site root, below the language prefix)."""

from django.urls import path

from .views import records, transfer

app_name = "directory"

urlpatterns = [
    path("", records.home, name="home"),
    path("validation/", records.validation_queue, name="validation"),
    path("changes/<int:pk>/decide/", records.change_decide, name="change-decide"),
    path("members/", records.membership_list, name="memberships"),
    path("members/<int:pk>/", records.membership_action, name="membership-action"),
    path("regions/options/", records.region_options, name="region-options"),
    path("categories/options/", records.category_options, name="category-options"),
    path("park/<int:pk>/tenants/", records.park_tenants, name="park-tenants"),
    path("imports/<int:pk>/", transfer.import_job, name="import-job"),
    # /<kind>/... for enterprise, park, investor, talent, provider
    path("<slug:kind>/", records.record_list, name="list"),
    path("<slug:kind>/export.<str:fmt>", transfer.record_export, name="export"),
    path("<slug:kind>/import/", transfer.import_start, name="import"),
    path("<slug:kind>/new/", records.record_create, name="create"),
    path("<slug:kind>/<int:pk>/", records.record_detail, name="detail"),
    path("<slug:kind>/<int:pk>/edit/", records.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/validate/", records.record_validate, name="validate"),
]
