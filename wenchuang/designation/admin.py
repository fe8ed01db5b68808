"""Admin for indicator sets (staff edit definitions; a malformed one is refused on save)."""

from django.contrib import admin

from .models import Designation, FieldAssessment, IndicatorSet


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ("code", "title_zh_hans", "title_en", "updated_at")
    search_fields = ("code", "title_zh_hans", "title_en")


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    # The register moves only through its services (transitions, audit): read-only here.
    list_display = ("certificate_number", "park", "status", "valid_from", "valid_until")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Designation._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(FieldAssessment)
class FieldAssessmentAdmin(admin.ModelAdmin):
    list_display = ("park", "purpose", "assessor", "status", "score")
    list_filter = ("purpose", "status")
    readonly_fields = [f.name for f in FieldAssessment._meta.fields]

    def has_add_permission(self, request):
        return False
