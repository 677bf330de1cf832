"""The project's OpenAPI schema class (kept apart from `api.py`: DRF imports that module while
drf-spectacular's own module is still loading)."""

from drf_spectacular import openapi


class AutoSchema(openapi.AutoSchema):
    """Documents a ServiceCreateMixin's POST body with its write serializer."""

    def get_request_serializer(self):
        write = getattr(self.view, "write_serializer_class", None)
        if write is not None and getattr(self.view, "action", None) == "create":
            return write
        return super().get_request_serializer()
