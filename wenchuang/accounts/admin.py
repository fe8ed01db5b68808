"""Admin pages for users, organisations and tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "role", "organisation", "jurisdiction", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["jurisdiction"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Role"), {"fields": ["role", "organisation", "jurisdiction"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name_zh_hans", "name_en"]
    raw_id_fields = ["region"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
