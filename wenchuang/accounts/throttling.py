"""The client address that sign-in throttling keys on, as the trusted proxies report it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent the request, never one the client wrote itself.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so the client's address is the one the first proxy appended: with n proxies, the n-th from
    the right. Anything further left was written by the client and could be anything.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
