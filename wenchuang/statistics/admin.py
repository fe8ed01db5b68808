"""Admin for indicators and obligations (staff edit them); returns and quarters read-only."""

from django.contrib import admin

from .models import Indicator, Period, ReportingObligation, ReturnUpload, StatReturn


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh_hans", "name_en", "reporter", "unit", "cumulative", "public")
    list_filter = ("reporter", "periodicity", "cumulative", "public")
    search_fields = ("code", "name_zh_hans", "name_en")


@admin.register(ReportingObligation)
class ReportingObligationAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh_hans", "reporter", "due_days", "active")
    filter_horizontal = ("indicators",)


class ReadOnly(admin.ModelAdmin):
    # Quarters move and returns change only through their services (transitions, revisions).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Period)
class PeriodAdmin(ReadOnly):
    list_display = ("year", "quarter", "status", "due_on", "released_at")


@admin.register(StatReturn)
class StatReturnAdmin(ReadOnly):
    list_display = ("period", "obligation", "reporter_key", "region", "status", "version")
    list_filter = ("status", "reporter")


@admin.register(ReturnUpload)
class ReturnUploadAdmin(ReadOnly):
    list_display = ("file_name", "status", "written_returns", "created_by", "created_at")
