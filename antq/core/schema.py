"""The project's OpenAPI schema class (kept apart from `api.py`: DRF imports that module while
drf-spectacular's own module is still loading)."""

from __future__ import annotations

from django.utils import translation
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

_VERBS = {"list": "List {plural}", "retrieve": "Read one {name}", "create": "Create {a} {name}",
          "update": "Replace {a} {name}", "partial_update": "Change {a} {name}", "destroy": "Delete {a} {name}"}


class AutoSchema(openapi.AutoSchema):
    """Documents a ServiceCreateMixin's POST body with its write serializer; gives every operation a
    summary (its docstring's first line, else what it does to which object) and every request body an
    example built from its fields."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # A read-only choice of a model field that may be blank answers "" too (DRF drops allow_blank from
        # read-only fields, so the schema would otherwise refuse an answer the API gives).
        if isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank:
            model = getattr(getattr(field.parent, "Meta", None), "model", None)
            names = {f.name: f for f in model._meta.fields} if model is not None else {}
            if getattr(names.get(field.source), "blank", False):
                field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def get_request_serializer(self):
        write = getattr(self.view, "write_serializer_class", None)
        if write is not None and getattr(self.view, "action", None) == "create":
            return write
        return super().get_request_serializer()

    def get_summary(self) -> str | None:
        action = getattr(self.view, "action", None)
        handler = getattr(self.view, action or self.method.lower(), None)
        if action not in _VERBS and (sentence := _first_sentence(getattr(handler, "__doc__", None))):
            return sentence
        model = self._model()
        with translation.override("en"):  # the API is documented in English, whatever the request's language
            if model is not None and action in _VERBS:
                name = str(model._meta.verbose_name)
                return _VERBS[action].format(name=name, plural=model._meta.verbose_name_plural,
                                             a="an" if name[:1] in "aeiou" else "a")
            if action:
                words = action.replace("_", " ").replace("-", " ")
                return f"{words[:1].upper()}{words[1:]}" + (f" ({model._meta.verbose_name})" if model else "")
        return _first_sentence(self.view.__class__.__doc__)

    def _model(self):
        """The model an operation reads or writes: the view's queryset (or the scoped views' base
        queryset), else its serializer's model."""
        for name in ("queryset", "base_queryset"):
            queryset = getattr(self.view, name, None)
            if queryset is not None:
                return queryset.model
        serializer_class = getattr(self.view, "serializer_class", None)
        return getattr(getattr(serializer_class, "Meta", None), "model", None)

    def get_examples(self) -> list[OpenApiExample]:
        examples = super().get_examples()
        if examples or self.method not in ("POST", "PUT", "PATCH"):
            return examples
        serializer = self.get_request_serializer()
        if isinstance(serializer, type) and issubclass(serializer, serializers.Serializer):
            instance = serializer()
        elif isinstance(serializer, serializers.Serializer):
            instance = serializer
        else:
            return examples  # no body, or one described another way (the public report's model)
        value = _example(instance)
        if not value:
            return examples
        return [OpenApiExample("Example", value=value, request_only=True)]


def _first_sentence(doc: str | None) -> str | None:
    """A docstring's first sentence, on one line (its first paragraph when it has no full stop)."""
    paragraph = " ".join((doc or "").strip().split("\n\n")[0].split())
    return paragraph.split(". ")[0].rstrip(".") or None


def _example(serializer: serializers.Serializer) -> dict:
    """A plausible body: one value per writable field, of the field's type."""
    body = {}
    for name, field in serializer.fields.items():
        if field.read_only or isinstance(field, serializers.FileField | serializers.HiddenField):
            continue
        body[name] = _value(field)
    return body


def _value(field):
    if isinstance(field, serializers.Serializer):
        return _example(field)
    if isinstance(field, serializers.ListSerializer):
        return [_value(field.child)]
    if isinstance(field, serializers.ChoiceField):
        return next(iter(field.choices), "")
    if isinstance(field, serializers.BooleanField):
        return True
    if isinstance(field, serializers.IntegerField):
        return field.min_value if field.min_value is not None else 1
    if isinstance(field, serializers.DecimalField | serializers.FloatField):
        return "12.5"
    if isinstance(field, serializers.DateTimeField):
        return "2026-12-01T08:30:00+07:00"
    if isinstance(field, serializers.DateField):
        return "2026-12-01"
    if isinstance(field, serializers.EmailField):
        return "can.bo@example.vn"
    if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
        return [_value(field.child_relation if hasattr(field, "child_relation") else field.child)]
    if isinstance(field, serializers.RelatedField):
        return 1
    if isinstance(field, serializers.DictField | serializers.JSONField):
        return {}
    label = str(field.label or field.field_name or "text")
    return f"{label[:1].upper()}{label[1:]}"
