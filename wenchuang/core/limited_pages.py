"""Pages whose reads run under the time limit: a list or search that runs too long answers 503."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .htmx import is_htmx
from .timelimit import RETRY_AFTER_SECONDS, QueryTimeout, query_time_limit


def time_limited(title: Callable[..., Any]) -> Callable:
    """Run the view (its template included) under `query_time_limit()`.

    Past the limit the reader gets a message in their language with the search box again
    (or just the message for an htmx swap), status 503 and Retry-After, never a 500.
    `title(request, *args, **kwargs)` names the page, from the view's own arguments.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                with query_time_limit():
                    return view(request, *args, **kwargs)
            except QueryTimeout:
                template = (
                    "core/_search_timeout.html" if is_htmx(request) else "core/search_timeout.html"
                )
                context = {"title": title(request, *args, **kwargs), "q": request.GET.get("q", "")}
                response = render(request, template, context, status=503)
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response

        return limited

    return decorate
