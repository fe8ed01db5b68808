"""Park cooperation in the admin: batches, pairs and their reports, read mostly."""

from django.contrib import admin

from .models import OutcomeReport, Pairing, PairingBatch


@admin.register(PairingBatch)
class PairingBatchAdmin(admin.ModelAdmin):
    list_display = ("code", "title_zh_hans", "year", "status")
    list_filter = ("status", "year")


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ("batch", "carrying_park", "partner_park", "status", "score")
    list_filter = ("status", "batch")
    raw_id_fields = ("carrying_park", "partner_park")


@admin.register(OutcomeReport)
class OutcomeReportAdmin(admin.ModelAdmin):
    list_display = ("pairing", "year", "half", "enterprises_relocated", "joint_projects")
    raw_id_fields = ("pairing",)
