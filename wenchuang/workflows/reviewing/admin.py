"""Admin pages for expert review: reviewers' expertise, declarations, assignments, reviews.

Imported by the workflows app's ready() (the engine keeps the app's own admin.py).
"""

from django.contrib import admin

from ..models import Declaration, Review, ReviewAssignment, ReviewerProfile


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]
    filter_horizontal = ["expertise"]


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "call", "accepted_at"]
    raw_id_fields = ["reviewer", "call", "related_organisations"]
    readonly_fields = ["accepted_at", "language"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    # Read-only: assignments change through the services (conflicts, loads, audit).
    list_display = ["application", "reviewer", "status", "fit", "created_at"]
    list_filter = ["status"]
    list_select_related = ["application", "reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["assignment", "score", "recommendation", "submitted_at"]
    list_select_related = ["assignment__application", "assignment__reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
