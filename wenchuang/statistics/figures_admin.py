"""Admin for plans and their targets (staff keep them); the cube and reports are computed."""

from django.contrib import admin

from .models import Plan, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1
    fields = (
        "position",
        "name_zh_hans",
        "name_en",
        "measure",
        "indicator_codes",
        "reference_code",
        "threshold",
        "baseline",
        "baseline_on",
        "target_value",
        "deadline",
    )


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name_zh_hans", "name_en", "region", "starts_on", "ends_on", "public")
    list_filter = ("public",)
    raw_id_fields = ("region",)
    inlines = [TargetInline]

    def save_model(self, request, obj, form, change):
        from wenchuang.core.regions import place

        place(obj, obj.region)  # the placement copies, as every placed record has them
        super().save_model(request, obj, form, change)
