"""Pages for a user's notifications: the list, the header badge, marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .notifications import notifications_for, notifications_mark_read, unread_count

PER_PAGE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {"page": page, "unread": unread_count(request.user)},
    )


def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count for the header, loaded by htmx so that pages need no extra query."""
    response = render(
        request, "core/_notification_badge.html", {"unread": unread_count(request.user)}
    )
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Cookie"
    return response


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("core:notifications")
