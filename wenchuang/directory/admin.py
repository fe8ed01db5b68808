"""Admin pages for directory records, memberships, proposed changes and import jobs."""

from django.contrib import admin

from .models import (
    AssociationMembership,
    Enterprise,
    ImportJob,
    Investor,
    Park,
    ProfileChange,
    ServiceProvider,
    Talent,
)


class RecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "region", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name_zh_hans", "name_en"]
    raw_id_fields = ["region", "organisation"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["region"]
    show_full_result_count = False  # counting a million rows on every page is not worth it


@admin.register(Enterprise)
class EnterpriseAdmin(RecordAdmin):
    list_display = [*RecordAdmin.list_display, "category", "above_designated_size"]
    list_filter = ["status", "domain", "above_designated_size"]
    raw_id_fields = [*RecordAdmin.raw_id_fields, "category", "park"]


@admin.register(Park)
class ParkAdmin(RecordAdmin):
    list_display = [*RecordAdmin.list_display, "level"]
    list_filter = ["status", "level"]
    filter_horizontal = ["focus_categories"]


@admin.register(Investor)
class InvestorAdmin(RecordAdmin):
    list_filter = ["status", "investor_type", "country"]
    filter_horizontal = ["focus_categories"]


@admin.register(Talent)
class TalentAdmin(RecordAdmin):
    raw_id_fields = [*RecordAdmin.raw_id_fields, "category"]


@admin.register(ServiceProvider)
class ServiceProviderAdmin(RecordAdmin):
    list_filter = ["status", "service", "certified"]


@admin.register(AssociationMembership)
class AssociationMembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "association", "membership_type", "status", "renews_on"]
    list_filter = ["status", "membership_type"]
    raw_id_fields = ["association", "member", "enterprise"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["record_type", "record_id", "submitted_by", "submitted_at", "status"]
    list_filter = ["status", "record_type"]
    readonly_fields = [f.name for f in ProfileChange._meta.fields]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "record_type", "status", "imported_rows", "created_at"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]
