"""What every API endpoint shares: pagination, one error format, scoped viewsets."""

import pydantic
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from antq.core.ratelimit import limit_setting, wait_seconds


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error body of every endpoint; messages follow Accept-Language (vi by default).",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": {
            "status": {"type": "integer"},
            "code": {"type": "string", "example": "invalid"},
            "message": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "Messages per invalid field."},
        },
    }},
}
_ERROR_STATUSES = {"400": "Invalid data; nothing was saved.", "401": "Not logged in.",
                   "403": "Not allowed.", "404": "Not found or outside your jurisdiction.",
                   "413": "The request is too large; nothing was saved."}
_PUBLIC_STATUSES = {"429": "Too many requests from your network; retry after Retry-After seconds."}


def _blank_emails(node) -> None:
    """An optional email is served as "" when empty: say so (a string of format email, or empty)."""
    if isinstance(node, dict):
        for value in node.values():
            _blank_emails(value)
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, prop in list(properties.items()):
                if isinstance(prop, dict) and prop.get("format") == "email":
                    email = {k: v for k, v in prop.items() if k not in ("readOnly", "title", "description")}
                    properties[name] = {"anyOf": [email, {"type": "string", "maxLength": 0}],
                                        **{k: prop[k] for k in ("readOnly", "title", "description") if k in prop}}
    elif isinstance(node, list):
        for value in node:
            _blank_emails(value)


def add_error_responses(result, generator, request, public):
    """drf-spectacular hook: document the shared error body on every operation (429 on the public ones,
    which are rate-limited), and blank optional emails as served."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        statuses = {**_ERROR_STATUSES, **(_PUBLIC_STATUSES if path.startswith("/api/v1/public/") else {})}
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, text in statuses.items():
                responses.setdefault(code, {"description": text, "content": {"application/json": {"schema": ref}}})
    _blank_emails(result.get("components", {}).get("schemas", {}))
    return result


# pydantic's messages are English only: each kind of error, in the user's language.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "nul_character": gettext_lazy("Null characters are not allowed."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("Ensure this field has no more than %(max_length)s characters."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_max_digits": gettext_lazy("Use at most %(max_digits)s digits."),
    "decimal_max_places": gettext_lazy("Use at most %(decimal_places)s decimal places."),
    "decimal_whole_digits": gettext_lazy("Too many digits before the decimal point."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "literal_error": gettext_lazy("Choose one of the options."),
    "too_long": gettext_lazy("At most %(max_length)s items."),
    "model_type": gettext_lazy("Send an object of named fields."),
    "model_attributes_type": gettext_lazy("Send an object of named fields."),
}


def pydantic_errors(exc: pydantic.ValidationError) -> dict[str, list[str]]:
    """pydantic's errors in the API's shape, {field: [message]}. A validator's own ValueError carries its
    message already translated."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False, include_input=False):
        context = error.get("ctx", {})
        if error["type"] == "value_error":
            message = str(context.get("error", error["msg"]))
        else:
            message = str(_PYDANTIC_MESSAGES.get(error["type"], gettext_lazy("This value is not valid.")))
            message = message % context if "%(" in message else message
        field = str(error["loc"][0]) if error["loc"] else "non_field_errors"
        fields.setdefault(field, []).append(message)
    return fields


def django_to_drf(exc):
    """Services raise Django's exceptions; the API answers them as DRF would its own."""
    if isinstance(exc, pydantic.ValidationError):
        return exceptions.ValidationError(pydantic_errors(exc))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": [str(m) for m in exc.messages]})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            items = value if isinstance(value, list) else [value]
            out[str(key)] = [str(v) if not isinstance(v, dict) else str(next(iter(v.values()))) for v in items]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {}


def error_body(status_code: int, code: str, message: str) -> dict:
    return {"error": {"status": status_code, "code": code, "message": str(message)}}


def exception_handler(exc, context):
    if isinstance(exc, OverflowError):  # a number beyond what the database holds (SQLite's 64-bit integers)
        return Response(error_body(400, "bad_request", _("A number is out of range; nothing was saved.")),
                        status=400)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body(413, "too_large", _("The request is too large; nothing was saved.")), status=413)
    if isinstance(exc, SuspiciousOperation):
        return Response(error_body(400, "bad_request", _("The request could not be read; nothing was saved.")),
                        status=400)
    exc = django_to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = getattr(exc, "detail", None)
    fields = _flatten(detail) if isinstance(detail, dict | list) else {}
    if isinstance(exc, exceptions.ValidationError):
        message = _("Some of the data is not valid; nothing was saved.")
        code = "invalid"
    elif isinstance(exc, exceptions.ParseError):  # DRF's own message quotes the parser, in English
        message = _("The body of the request could not be read: send JSON or a form; nothing was saved.")
        code = "parse_error"
    else:
        message = str(detail) if detail is not None else _("The request failed.")
        code = getattr(detail, "code", None) or "error"
    body = {"status": response.status_code, "code": str(code), "message": message}
    if fields:
        body["fields"] = fields
    response.data = {"error": body}
    return response


def require_visible(model, user, action: str, obj):
    """Objects named in a request body are checked like URLs: outside the scope, 404."""
    from django.http import Http404

    if not model.objects.visible_to(user, action).filter(pk=obj.pk).exists():
        raise Http404
    return obj


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An id in a request body, read through the access layer like a URL: an object outside the caller's
    jurisdiction for `permission` answers exactly as one that does not exist — 404 with the one error
    body, before anything else is checked, so no message tells that it exists. The serializer needs the
    request in its context."""

    def __init__(self, *, permission: str, **kwargs):
        self.permission = permission
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().visible_to(getattr(request, "user", None), self.permission)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except exceptions.ValidationError:
            raise exceptions.NotFound() from None


class ScopedViewSetMixin:
    """Every API list and detail reads through the access layer.

    `view_permission` scopes the queryset; an object outside it answers 404. A user who
    holds the permission nowhere gets 403 on the list.
    """

    view_permission: str = ""
    base_queryset = None

    def get_queryset(self):
        return self.base_queryset.all().visible_to(self.request.user, self.view_permission)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        from antq.core.access import has_permission

        if not has_permission(request.user, self.view_permission):
            raise exceptions.PermissionDenied()


class ServiceActionMixin:
    """A POST on one object, one action per step, the same way in every app: out of scope answers 404 before
    the body is read; the body is parsed by the action's serializer; `call(obj, values)` runs the service;
    the answer is the object, read afresh with the viewset's serializer."""

    def run_action(self, serializer_class, call):
        obj = self.get_object()
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        call(obj, dict(data.validated_data))
        return Response(self.get_serializer(self.base_queryset.get(pk=obj.pk)).data)


class ServiceCreateMixin:
    """POST on a list endpoint, the same way in every app (docs/architecture.md rules 1–2).

    The body is parsed by `write_serializer_class`; each object it names in `scoped_fields`
    (field → (model, permission code)) must be visible to the caller, else 404 as for a URL;
    `create_service(actor=..., **values)` writes; the answer is `serializer_class`, 201.
    """

    write_serializer_class = None
    scoped_fields: dict = {}
    create_service = None

    def perform_service(self, values: dict):
        return type(self).create_service(actor=self.request.user, **values)

    def create(self, request, *args, **kwargs):
        data = self.write_serializer_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        for field, (model, action) in self.scoped_fields.items():
            if data.validated_data.get(field) is not None:
                require_visible(model, request.user, action, data.validated_data[field])
        created = self.perform_service(data.validated_data)
        fresh = self.base_queryset.get(pk=created.pk)  # with the prefetches the answer needs
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


class Limited(BaseThrottle):
    """DRF's own throttles key on the client address; this one counts per hashed network in the
    cache only (antq.core.ratelimit), in the same bucket as the public page of the same action; DRF
    sends `wait()` as Retry-After."""

    def allow_request(self, request, view):
        count, window = limit_setting(view.limit_setting)
        self._wait = wait_seconds(request, view.limit_scope, limit=count, window=window)
        return self._wait is None

    def wait(self):
        return self._wait


class ReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    secret = serializers.CharField(help_text="Shown once; keep it to follow what was sent.")
