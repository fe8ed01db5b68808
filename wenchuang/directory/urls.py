"""Directory pages (mounted at the site root, below the language prefix)."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("validation/", views.validation_queue, name="validation"),
    path("changes/<int:pk>/decide/", views.change_decide, name="change-decide"),
    path("members/", views.membership_list, name="memberships"),
    path("regions/options/", views.region_options, name="region-options"),
    path("categories/options/", views.category_options, name="category-options"),
    path("park/<int:pk>/tenants/", views.park_tenants, name="park-tenants"),
    # /<kind>/... for enterprise, park, investor, talent, provider
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/new/", views.record_create, name="create"),
    path("<slug:kind>/<int:pk>/", views.record_detail, name="detail"),
    path("<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/validate/", views.record_validate, name="validate"),
]
