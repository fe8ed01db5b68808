"""Directory pages (mounted at the site root, below the language prefix)."""

from django.urls import path, register_converter

from .selectors import KINDS
from .views import documents, records, staff, transfer


class KindConverter:
    """Only the directory's kinds, so that /en/ is never read as a list of kind "en"."""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")

app_name = "directory"

urlpatterns = [
    path("", records.home, name="home"),
    path("validation/", staff.validation_queue, name="validation"),
    path("changes/<int:pk>/decide/", staff.change_decide, name="change-decide"),
    path("members/", staff.membership_list, name="memberships"),
    path("members/<int:pk>/", staff.membership_action, name="membership-action"),
    path("regions/options/", records.region_options, name="region-options"),
    path("categories/options/", records.category_options, name="category-options"),
    path("parks/options/", records.park_options, name="park-options"),
    path("park/<int:pk>/tenants/", records.park_tenants, name="park-tenants"),
    path("imports/<int:pk>/", transfer.import_job, name="import-job"),
    path(
        "enterprise/<int:pk>/profile.pdf",
        documents.enterprise_profile_pdf,
        name="enterprise-profile-pdf",
    ),
    # /<kind>/... for enterprise, park, investor, talent, provider
    path("<kind:kind>/", records.record_list, name="list"),
    path("<kind:kind>/export.<str:fmt>", transfer.record_export, name="export"),
    path("<kind:kind>/import/", transfer.import_start, name="import"),
    path(
        "<kind:kind>/import/template.<str:fmt>",
        transfer.import_template,
        name="import-template",
    ),
    path("<kind:kind>/new/", records.record_create, name="create"),
    path("<kind:kind>/<int:pk>/", records.record_detail, name="detail"),
    path("<kind:kind>/<int:pk>/edit/", records.record_edit, name="edit"),
    path("<kind:kind>/<int:pk>/validate/", staff.record_validate, name="validate"),
]
