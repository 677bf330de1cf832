"""The API's body parsers. A module of its own: DRF's views read DEFAULT_PARSER_CLASSES when they are
first imported, so this must not import them back.

Each refuses, as an unreadable body (400), text holding a NUL character: PostgreSQL cannot store or even
compare it, so it would otherwise surface as a database error (a 500) in whichever lookup met it first.
"""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

NUL_REFUSED = _("Null characters are not allowed.")


def refuse_nul(data, field: str | None = None) -> None:
    """Raise a 400 naming the first top-level field whose text (at any depth) holds a NUL character."""
    def refuse(name):
        raise exceptions.ParseError({name or "non_field_errors": [NUL_REFUSED]})

    if isinstance(data, str):
        if "\x00" in data:
            refuse(field)
    elif isinstance(data, QueryDict):
        for key, values in data.lists():
            if "\x00" in key:
                refuse(None)
            for value in values:
                refuse_nul(value, field or key)
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and "\x00" in key:
                refuse(None)
            refuse_nul(value, field or str(key))
    elif isinstance(data, list | tuple):
        for value in data:
            refuse_nul(value, field)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested too deep for Python's parser refused like any other
    unreadable body (it raised RecursionError: a server error)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError() from None
        refuse_nul(data)
        return data


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        refuse_nul(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """The fields' text is checked; the files are bytes, checked by what stores them."""

    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        refuse_nul(result.data)
        return result
