"""The JSON API: the NinjaAPI mounted at /api/, its authentication, and errors as JSON."""

import functools
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer, SessionAuth

from wenchuang.accounts.services import api_token_authenticate
from wenchuang.core.transitions import Conflict


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key from `create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str):
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


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


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


class WenchuangAPI(NinjaAPI):
    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = _in_request_language(pattern.callback)
        return patterns


def _in_request_language(view):
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # /api/ lies outside i18n_patterns, where LocaleMiddleware always picks the default
        # language; programs ask for theirs with Accept-Language (or the language cookie).
        language = translation.get_language_from_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapped


api = WenchuangAPI(
    title="Wenchuang API",
    version="1",
    description=(
        "Directory records of the cultural industry platform. Reads are public; writes need "
        "`Authorization: Bearer <token>` (see `manage.py create_api_token`) or a signed-in "
        "session. Send Accept-Language for messages and names in zh-hans, en, fr or de."
    ),
    urls_namespace="api",
    renderer=UnicodeJSON(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


# Messages for pydantic's error types, so that type errors read in the user's language too.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("Unknown field; check its spelling."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("Use at most %(max_length)s characters."),
    "string_too_short": gettext_lazy("Use at least %(min_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("Enter a value of the form %(pattern)s."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "float_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "finite_number": gettext_lazy("Enter a finite number."),
    "decimal_max_digits": gettext_lazy("Use at most %(max_digits)s digits."),
    "decimal_max_places": gettext_lazy("Use at most %(decimal_places)s decimal places."),
    "decimal_whole_digits": gettext_lazy("Use at most %(whole_digits)s digits before the point."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "greater_than_equal": gettext_lazy("Enter a value of at least %(ge)s."),
    "greater_than": gettext_lazy("Enter a value above %(gt)s."),
    "less_than_equal": gettext_lazy("Enter a value of at most %(le)s."),
    "less_than": gettext_lazy("Enter a value below %(lt)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "model_type": gettext_lazy("Send a JSON object."),
}


def _pydantic_message(error: dict[str, Any]) -> str:
    template = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return str(template) % {k: v for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def _validation_response(request: HttpRequest, errors: list[dict[str, Any]]) -> HttpResponse:
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {
            "loc": [part for part in error.get("loc", []) if isinstance(part, str | int)],
            "msg": _pydantic_message(error),
            "type": str(error.get("type", "value_error")),
        }
        for error in exc.errors
    ]
    return _validation_response(request, errors)


@api.exception_handler(ValidationError)
def django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        messages = exc.message_dict
    else:
        messages = {NON_FIELD_ERRORS: exc.messages}
    errors = [
        {
            "loc": ["body"] if field == NON_FIELD_ERRORS else ["body", field],
            "msg": str(message),
            "type": "value_error",
        }
        for field, field_messages in messages.items()
        for message in field_messages
    ]
    return _validation_response(request, errors)


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    """A write based on a state someone else changed meanwhile (core.transitions)."""
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    reason = str(exc) or _("You may not do this.")
    return api.create_response(request, {"detail": reason}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Sign in, or send a valid token as 'Authorization: Bearer <token>'.")
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = {
        400: _("The request body is not valid JSON."),
        403: _("The CSRF check failed; send the CSRF token with session requests."),
    }.get(exc.status_code, exc.message)
    return api.create_response(request, {"detail": str(detail)}, status=exc.status_code)


# Imported last: the routers use the auth and error schemas defined above.
from wenchuang.directory.api import router as directory_router  # noqa: E402

api.add_router("/v1/", directory_router)
