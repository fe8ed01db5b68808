"""Admin pages for users (with the roles they hold), organisations and tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Affiliation, ApiToken, Organisation, User
from .services import user_primary_refresh


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fields = ["role", "organisation", "jurisdiction", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["jurisdiction"]
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "role", "organisation", "jurisdiction", "is_active"]
    list_filter = ["role", "is_active"]
    inlines = [AffiliationInline]
    # The primary role is copied from the oldest affiliation; roles are edited below.
    readonly_fields = ["role", "organisation", "jurisdiction"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Primary role"), {"fields": ["role", "organisation", "jurisdiction"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user_primary_refresh(form.instance)


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
