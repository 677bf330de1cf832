"""What every API endpoint shares: pagination, one error format, scoped viewsets."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ErrorSerializer(serializers.Serializer):
    """The one error body: {"error": {"status", "code", "message", "fields"}}."""

    class Body(serializers.Serializer):
        status = serializers.IntegerField()
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                       required=False)

    error = Body()


def django_to_drf(exc):
    """Services raise Django's exceptions; the API answers them as DRF would its own."""
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


def exception_handler(exc, context):
    exc = django_to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = getattr(exc, "detail", None)
    fields = _flatten(detail) if isinstance(detail, dict | list) else {}
    if isinstance(exc, exceptions.ValidationError):
        message = _("Some of the data is not valid; nothing was saved.")
        code = "invalid"
    else:
        message = str(detail) if detail is not None else _("The request failed.")
        code = getattr(detail, "code", None) or "error"
    body = {"status": response.status_code, "code": str(code), "message": message}
    if fields:
        body["fields"] = fields
    response.data = {"error": body}
    return response


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
