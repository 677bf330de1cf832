import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from antq.core.models import AuditEvent


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Time"), format="H:i:s d/m/Y")
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
