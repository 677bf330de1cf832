"""Table columns every list uses, cheap per cell: a page of 50 rows renders hundreds of cells, and
django-tables2's date and link columns compile a template or reverse a URL for each one (bench/lists.py)."""

import datetime

import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from antq.core.models import AuditEvent

_PLACEHOLDER = 987654321


class DateColumn(tables.Column):
    """A date (or a moment, in local time) in the given Django format, "d/m/Y" by default."""

    def __init__(self, *args, format: str = "d/m/Y", **kwargs):
        self.format = format
        super().__init__(*args, **kwargs)

    def render(self, value):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)
        return dateformat.format(value, self.format)


class DateTimeColumn(DateColumn):
    def __init__(self, *args, format: str = "d/m/Y H:i", **kwargs):
        super().__init__(*args, format=format, **kwargs)


class PkLinkColumn(tables.Column):
    """The cell's text linked to the row's page, a URL named `viewname` taking the row's pk: reversed once
    per table, not once per row."""

    def __init__(self, viewname: str, *args, **kwargs):
        self.viewname = viewname
        self._pattern = None
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        if self._pattern is None:
            self._pattern = reverse(self.viewname, args=[_PLACEHOLDER]).replace(str(_PLACEHOLDER), "{}")
        return format_html('<a href="{}">{}</a>', self._pattern.format(record.pk), value)


class AuditEventTable(tables.Table):
    at = DateTimeColumn(verbose_name=_("Time"), format="H:i:s d/m/Y")
    actor_label = tables.Column(verbose_name=_("Actor"))
    action = tables.Column(verbose_name=_("Action"))
    object_repr = tables.Column(verbose_name=_("Object"))
    request_id = tables.Column(verbose_name=_("Request"), attrs={"td": {"class": "small text-secondary"}})

    class Meta:
        model = AuditEvent
        fields = ("at", "actor_label", "action", "object_repr", "request_id")
        order_by = ("-at",)
        attrs = {"class": "table table-sm align-middle"}
        empty_text = _("No change recorded.")
