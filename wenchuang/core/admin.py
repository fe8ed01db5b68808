"""Admin page for the audit trail: read-only, since the trail is append-only."""

from django.contrib import admin

from .audit import audit_events
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "record_type", "record_id", "region_code"]
    list_filter = ["action", "record_type", "province_code"]
    search_fields = ["record_id", "region_code", "prefecture_code"]

    def get_queryset(self, request):
        # Agency staff with admin access read the trail of their own jurisdiction only.
        return audit_events(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
