"""Top-level URL map: language-prefixed pages, the admin and the JSON API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wenchuang.api import api
from wenchuang.core.views import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # /api/v1/..., /api/openapi.json, /api/docs: unprefixed, the language comes from headers
    path("api/", api.urls),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("wenchuang.accounts.urls")),
    path("", include("wenchuang.core.urls")),
    path("", include("wenchuang.workflows.urls")),
    path("funding/", include("wenchuang.funding.urls")),
    path("designation/", include("wenchuang.designation.urls")),
    path("statistics/", include("wenchuang.statistics.urls")),
    path("cooperation/", include("wenchuang.cooperation.urls")),
    path("", include("wenchuang.directory.urls")),
    path("", include("wenchuang.workflows.reviewing.urls")),
    prefix_default_language=False,
)
