"""The API's body parsers. A module of its own: DRF's views read DEFAULT_PARSER_CLASSES when they are
first imported, so this must not import them back."""

from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested too deep for Python's parser refused like any other
    unreadable body (it raised RecursionError: a server error)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError() from None
