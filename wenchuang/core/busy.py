"""A page asked to write while the database is locked answers 503 "busy, try again", not 500."""

from __future__ import annotations

from django.db import OperationalError
from django.shortcuts import render

# Seconds a browser (or a person) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 5
# PostgreSQL: lock_not_available (lock_timeout), deadlock_detected, serialization_failure.
BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001"})


def is_database_busy(error: BaseException) -> bool:
    """Whether `error` means another writer held a lock for longer than we wait."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    text = str(error).lower()
    # SQLite: "database is locked", "database table is locked" once busy_timeout runs out.
    return "is locked" in text or "lock timeout" in text


class DatabaseBusyMiddleware:
    """Turns a lock timeout in a page's view into a 503 page with Retry-After.

    The API has its own JSON answer for the same case (its exception handler); this one
    leaves /api/ alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/") or not is_database_busy(exception):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
