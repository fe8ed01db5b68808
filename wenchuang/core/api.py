"""The JSON API toolkit: the API class, authentication, and routers whose routes declare
their auth and errors, so that a domain adds its endpoints in a few lines."""

import functools
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import re_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Status
from ninja.openapi.docs import DocsBase, _csrf_needed
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer, SessionAuth
from pydantic import BaseModel

from . import api_cache
from .api_errors import READ_ERRORS, WRITE_ERRORS, install_error_handlers
from .api_pages import PageQuery, page_schema, paginate
from .timelimit import query_time_limit

# --- Authentication -----------------------------------------------------------------------


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key from `create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str):
        from wenchuang.accounts.services import api_token_authenticate

        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """The Django session, so pages can call the API; CSRF is checked for writes."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie there is nobody to protect from CSRF: fall through to a 401.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


def anonymous(request: HttpRequest):
    """Reads are public; but a request that sent credentials which failed must hear so."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


WRITE_AUTH = [TokenAuth(), BrowserSession()]
READ_AUTH = [*WRITE_AUTH, anonymous]
# OpenAPI way of saying "a token, a session, or nothing at all".
READ_SECURITY = {"security": [{"TokenAuth": []}, {"BrowserSession": []}, {}]}


# --- Routes -------------------------------------------------------------------------------


class DomainRouter(Router):
    """A router whose routes carry the project's auth and declared error responses.

    `read` is a public GET, `listing` a public paged GET whose view returns a queryset,
    `write` a POST/PATCH/PUT/DELETE that needs a token or a session.
    """

    def read(self, path: str, response: Any, **kwargs: Any) -> Callable:
        kwargs.setdefault("openapi_extra", READ_SECURITY)
        return self.get(path, response={200: response, **READ_ERRORS}, auth=READ_AUTH, **kwargs)

    def listing(
        self,
        path: str,
        out: type,
        *,
        rows: Callable | None = None,
        cached_by: Sequence[type[Model]] = (),
        **kwargs: Any,
    ) -> Callable:
        """The view takes a `Query[...]` of a PageQuery subclass and returns a queryset;
        the route answers one page of it, its rows read by `rows` (default: `list`).

        `cached_by` names every model whose rows the visitor's answer shows (the listed
        model and those its rows name): a visitor's answer is then kept in the "lists" cache
        until a write to one of them commits (core/api_cache.py). Each must be tracked
        (`core.generations.track`) from its app's `ready()`.
        """

        def decorator(view: Callable) -> Callable:
            if cached_by:
                api_cache.KEPT_LISTS[f"{view.__module__}.{view.__qualname__} {path}"] = tuple(
                    cached_by
                )

            @functools.wraps(view)
            def paged(request: HttpRequest, *args: Any, **kw: Any) -> Any:
                key = api_cache.key_for(request, cached_by) if cached_by else None
                if key is not None and (answer := api_cache.cached_answer(request, key)):
                    return answer
                query = next(value for value in kw.values() if isinstance(value, PageQuery))
                # Bounded like every list: a search too costly answers 503 (api_errors).
                with query_time_limit():
                    records = view(request, *args, **kw)
                    return paginate(records, query.page, query.page_size, rows or list)

            return self.read(path, page_schema(out), **kwargs)(paged)

        return decorator

    def write(self, method: str, path: str, response: dict[int, Any], **kwargs: Any) -> Callable:
        """The view runs in one transaction together with the building of its answer: an
        answer that cannot be built rolls the write back, so a 500 never follows a saved
        change (which a client would retry)."""

        def decorator(view: Callable) -> Callable:
            @functools.wraps(view)
            def in_one_transaction(request: HttpRequest, *args: Any, **kw: Any) -> Any:
                with transaction.atomic():
                    return _answer(request, view(request, *args, **kw), response)

            return self.api_operation(
                [method], path, response={**response, **WRITE_ERRORS}, auth=WRITE_AUTH, **kwargs
            )(in_one_transaction)

        return decorator


def _answer(request: HttpRequest, result: Any, responses: dict[int, Any]) -> Any:
    """`result` validated against its response schema (ninja then serialises it as is)."""
    if isinstance(result, HttpResponseBase):
        return result
    status = next(iter(responses)) if len(responses) == 1 else 200
    if isinstance(result, Status):
        status, result = result.status_code, result.value
    schema = responses.get(status)
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        context = {"request": request, "response_status": status}
        result = schema.model_validate(result, context=context)
    return Status(status, result)


# --- The API ------------------------------------------------------------------------------


class UnicodeJSON(BaseRenderer):
    """JSON by orjson: several times faster than json.dumps on a list page.

    Chinese names stay as themselves (UTF-8: a third of the bytes of \\uXXXX escapes, and
    readable). Dates, times, decimals, lazy strings and models go through ninja's encoder,
    so they read exactly as with Django's JSON encoder (milliseconds, "Z" for UTC).
    """

    media_type = "application/json"
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def __init__(self) -> None:
        self.default = NinjaJSONEncoder().default

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data, default=self.default, option=self.options)


class OfflineSwagger(DocsBase):
    """Swagger UI from the project's own static files (npm swagger-ui-dist), never a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {
            "api": api,
            "openapi_url": self.get_openapi_url(api, kwargs),
            "add_csrf": _csrf_needed(api),
        }
        return render(request, "core/api_docs.html", context)


class WenchuangAPI(NinjaAPI):
    """A NinjaAPI that answers in the asker's language and only ever in JSON."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("renderer", UnicodeJSON())
        kwargs.setdefault("docs", OfflineSwagger())
        super().__init__(**kwargs)
        install_error_handlers(self)

    def _get_urls(self):
        patterns = super()._get_urls()
        # Last: any other path under the API is a JSON 404, not the site's HTML page.
        patterns.append(re_path(r"^.*$", self._unknown_path, name="unknown-path"))
        for pattern in patterns:
            if pattern.name == "api-root":  # ninja's root raises an HTML 404
                pattern.callback = self._unknown_path
            pattern.callback = self._in_request_language(pattern.callback)
        return patterns

    def _unknown_path(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        detail = _("No such path in the API; see /api/docs for what it offers.")
        return self.create_response(request, {"detail": detail}, status=404)

    def _method_not_allowed(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # ninja answers a method that a path has no operation for in plain text.
        allowed = ", ".join(sorted(response.get("Allow", "").split(", ")))
        detail = _("Use one of these methods here: %(methods)s.") % {"methods": allowed}
        json_response = self.create_response(request, {"detail": detail}, status=405)
        json_response["Allow"] = allowed
        return json_response

    def _in_request_language(self, view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # /api/ lies outside i18n_patterns, where LocaleMiddleware always picks the
            # default language; programs ask for theirs with Accept-Language (or the cookie).
            language = translation.get_language_from_request(request)
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = view(request, *args, **kwargs)
                if response.status_code == 405 and not response.get("Content-Type", "").startswith(
                    "application/json"
                ):
                    response = self._method_not_allowed(request, response)
                response.headers.setdefault("Content-Language", language)
            patch_vary_headers(response, ["Accept-Language"])
            api_cache.keep(request, response)  # a visitor's list answer, now complete
            return response

        return wrapped
