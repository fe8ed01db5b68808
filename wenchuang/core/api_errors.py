"""Errors of the JSON API: their schemas, and handlers that turn every failure into JSON."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from wenchuang.core import timelimit
from wenchuang.core.busy import RETRY_AFTER_SECONDS, is_database_busy
from wenchuang.core.timelimit import QueryTimeout
from wenchuang.core.transitions import Conflict


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


# Declared on every operation, so that the OpenAPI document lists what a client can meet.
# 405 and 404 for unknown paths come from the API itself, 503 from a busy database.
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
    503: ErrorOut,
}


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


def field_error(loc: list[str | int], message: str) -> NinjaValidationError:
    """A 422 naming one field, e.g. `raise field_error(["query", "parent"], msg)`."""
    return NinjaValidationError([{"loc": loc, "msg": message, "type": "value_error"}])


def _pydantic_message(error: dict[str, Any]) -> str:
    template = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return str(template) % {k: v for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def busy_response(api: NinjaAPI, request: HttpRequest) -> HttpResponse:
    detail = _("The database is busy with another change; try again in a few seconds.")
    response = api.create_response(request, {"detail": detail}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    """Every failure an operation can meet answers JSON, in the asker's language."""

    def validation(request: HttpRequest, errors: list[dict[str, Any]]) -> HttpResponse:
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
        return validation(request, errors)

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
        return validation(request, errors)

    @api.exception_handler(QueryTimeout)
    def too_long(request: HttpRequest, exc: QueryTimeout) -> HttpResponse:
        detail = _(
            "This search took too long and was stopped. Add a word or a filter to narrow "
            "it, and try again."
        )
        response = api.create_response(request, {"detail": detail}, status=503)
        response["Retry-After"] = str(timelimit.RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        # A write based on a state someone else changed meanwhile (core.transitions).
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

    @api.exception_handler(OperationalError)
    def operational_error(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        # A lock held by an import or another writer is a reason to retry, not a server
        # fault; the service's transaction was rolled back, so a retry cannot double it.
        if is_database_busy(exc):
            return busy_response(api, request)
        raise exc
