import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateColumn, DateTimeColumn, PkLinkColumn
from antq.tips.models import Tip

ATTRS = {"class": "table table-sm table-hover align-middle"}


class TipTable(tables.Table):
    """The queue: what and where, never who reported."""

    receipt_code = PkLinkColumn("tips:tip_detail", verbose_name=_("Code"))
    received_at = DateTimeColumn(verbose_name=_("Received"), format="d/m/Y H:i")
    category = tables.Column(verbose_name=_("Category"), order_by=("category__order",))
    commune = tables.Column(verbose_name=_("Commune"), accessor="commune__display_name",
                            order_by=("commune__search_name",))
    status = tables.Column(verbose_name=_("Status"), order_by=("status",))
    resolve_due = DateColumn(verbose_name=_("Resolve by"), format="d/m/Y")
    assigned_to = tables.Column(verbose_name=_("Officer"), accessor="assigned_to__full_name", default="—")

    class Meta:
        model = Tip
        fields = ("receipt_code", "received_at", "category", "commune", "status", "resolve_due", "assigned_to")
        attrs = ATTRS
        empty_text = _("No tip matches.")

    # Cells written with format_html, not a template per cell: a TemplateColumn compiles its template for
    # every row (bench/lists.py).
    def render_status(self, record):
        if record.urgent:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', record.get_status_display(),
                               _("urgent"))
        return record.get_status_display()
