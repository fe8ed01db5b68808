"""Serving stored files, each only to readers its owner's rules allow."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse

from .files import get_file_for_reader, path_of


def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        stored = get_file_for_reader(request.user, pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    response = FileResponse(
        path_of(stored).open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    # Never rendered as a page of this site, never kept by a shared cache.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
