"""One JSON shape for every error of the API, and the OpenAPI responses that document it.

    {"error": {"code": "invalid", "message": "...",
               "fields": [{"field": "answers.0.value", "message": "..."}]}}

Every operation lists the error statuses it may answer (`documented`), so that clients and the
schemathesis run in the test suite know them all.
"""

import logging
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}
# Every operation may answer these: a bad token, bad parameters, too many requests, a bug.
COMMON = (400, 401, 422, 429, 500)


class FieldError(Schema):
    field: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    fields: list[FieldError]


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """An error an operation answers on purpose (409 conflict, 403 read-only token...)."""

    def __init__(self, status: int, message: str, fields: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = list(fields)


def documented(ok: dict[int, Any], *statuses: int) -> dict[int, Any]:
    """An operation's responses: its successes, the common errors and `statuses` (e.g. 403, 404, 409)."""
    return {**ok, **dict.fromkeys(sorted({*COMMON, *statuses}), ErrorOut)}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    message: str,
    fields: Iterable[tuple[str, str]] = (),
) -> HttpResponse:
    body = {
        "error": {
            "code": CODES.get(status, "error"),
            "message": message,
            "fields": [{"field": field, "message": text} for field, text in fields],
        }
    }
    return api.create_response(request, body, status=status)


def _loc_to_field(loc: Iterable[Any]) -> str:
    """ninja's error location ("body", "payload", "answers", 0, "value") as the caller wrote it:
    "answers.0.value"; a query or path parameter keeps its own name."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        source, parts = parts[0], parts[1:]
        # The body arrives as one argument of the operation ("payload"); its name means nothing to callers.
        if source == "body" and parts and parts[0] == "payload":
            parts = parts[1:]
        # Query parameters grouped in a schema (pagination, filters) carry the group's name first.
        if source == "query" and len(parts) > 1 and parts[0] in {"ninja_pagination", "filters"}:
            parts = parts[1:]
    return ".".join(parts) or "body"


# pydantic's messages are English only: the usual ones, in the reader's language and with the fix.
NOT_AN_OBJECT = {"model_attributes_type", "model_type", "dict_type"}


def _limit(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _message(error: dict[str, Any], field: str) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in NOT_AN_OBJECT:
        if field == "body":
            return _('The body must be a JSON object of fields and values, e.g. {"population": 530000}.')
        return _("Give an object of fields and values here.")
    if kind == "extra_forbidden":
        return _("This operation takes no field “%(field)s”: leave it out or check its spelling.") % {
            "field": field.rsplit(".", 1)[-1]
        }
    if kind == "missing":
        return _("This field is required.")
    if kind in ("greater_than_equal", "greater_than") and "ge" in ctx:
        return _("Give a value of at least %(limit)s.") % {"limit": _limit(ctx["ge"])}
    if kind in ("less_than_equal", "less_than") and "le" in ctx:
        return _("Give a value of at most %(limit)s.") % {"limit": _limit(ctx["le"])}
    if kind == "string_too_long" and "max_length" in ctx:
        return _("Write at most %(n)s characters.") % {"n": ctx["max_length"]}
    # pydantic prefixes messages of custom validators with "Value error, ": drop it for people.
    return str(error.get("msg", "")).removeprefix("Value error, ")


def _ninja_validation(errors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    fields = []
    for error in errors:
        field = _loc_to_field(error.get("loc", ()))
        fields.append((field, _message(error, field)))
    return fields


def service_fields(exc: DjangoValidationError, rename: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """A service's ValidationError as (field, message) pairs; errors about no field go to "" ."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        return [
            ("" if field == NON_FIELD_ERRORS else rename.get(field, field), message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in exc.messages]


def install_handlers(api: NinjaAPI) -> None:
    def on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = _ninja_validation(exc.errors)
        return error_response(api, request, 422, _("Some values are not valid; see the fields."), fields)

    def on_service_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = service_fields(exc)
        message = " ".join(text for field, text in fields if not field) or _(
            "Some values are not valid; see the fields."
        )
        return error_response(api, request, 422, message, [f for f in fields if f[0]])

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else _("Send a valid API token.")
        response = error_response(api, request, 401, message)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = math.ceil(exc.wait) if exc.wait is not None else 60
        response = error_response(
            api,
            request,
            429,
            _("Too many requests; try again in %(seconds)s seconds.") % {"seconds": max(wait, 1)},
        )
        response["Retry-After"] = str(max(wait, 1))
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return error_response(api, request, 400, _("The request body is not valid JSON."))
        return error_response(api, request, exc.status_code, str(exc))

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.message, exc.fields)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, _("Not found, or not visible with your access."))

    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("Your roles do not allow this.")
        return error_response(api, request, 403, message)

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return error_response(api, request, 500, _("Something went wrong on our side; it has been logged."))

    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        NinjaValidationError: on_ninja_validation,
        DjangoValidationError: on_service_validation,
        AuthenticationError: on_authentication,
        Throttled: on_throttled,
        HttpError: on_http_error,
        ApiError: on_api_error,
        Http404: on_not_found,
        PermissionDenied: on_forbidden,
        Exception: on_anything,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)
