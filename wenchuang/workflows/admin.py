"""Admin pages for programmes, calls and applications (staff use the engine's own pages)."""

from django.contrib import admin

from .models import Application, Call, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "kind", "agency", "jurisdiction"]
    list_filter = ["kind"]
    search_fields = ["code", "title_zh_hans", "title_en"]
    raw_id_fields = ["agency", "jurisdiction"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "status", "opens_at", "closes_at"]
    list_filter = ["status", "programme__kind"]
    search_fields = ["title_zh_hans", "title_en"]
    list_select_related = ["programme"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "applicant", "stage", "submitted_at"]
    list_filter = ["stage"]
    search_fields = ["title", "applicant__name_zh_hans", "applicant__name_en"]
    raw_id_fields = ["call", "applicant", "co_applicants", "created_by", "classification", "region"]
    readonly_fields = ["stage", "stage_table", "submitted_at", "created_at", "updated_at"]
    list_select_related = ["call", "applicant"]
    show_full_result_count = False
