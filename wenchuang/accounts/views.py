"""Account pages besides Django's own: the answer to a sign-in that is locked out."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The sign-in page again, saying why and for how long (django-axes calls this)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    message = ngettext(
        "Too many failed attempts to sign in with this username from your address. "
        "Try again in %(minutes)d minute.",
        "Too many failed attempts to sign in with this username from your address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    username = (credentials or {}).get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_out_message": message, "next": request.POST.get("next", "")},
        status=429,
    )
