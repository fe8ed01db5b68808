"""htmx requests: pages that answer them with a fragment vary on the HX-Request header."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class VaryOnHtmxMiddleware:
    """Adds `Vary: HX-Request` to every HTML answer.

    A view may answer the same address with a whole page or, for htmx, with a fragment of
    it; without the header a browser or proxy cache could serve the fragment as the page
    (after "back", a bare table without the site around it). Marking every HTML answer,
    not only those of views known to switch, keeps a new view from forgetting it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("HX-Request",))
        return response
