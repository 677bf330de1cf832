import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.core.tables import PkLinkColumn
from antq.programs.models import Program


class ProgramTable(tables.Table):
    reference = PkLinkColumn("programs:program_detail", verbose_name=_("Number"),
                                  accessor="reference", order_by=("number",), empty_values=())
    title = tables.Column(verbose_name=pgettext_lazy("document", "Title"), attrs={"td": {"class": "small"}})
    unit = tables.Column(verbose_name=_("Issuing level"), accessor="unit__display_name", order_by=("unit__path",))
    period = tables.Column(verbose_name=_("Period"), accessor="start_year", order_by=("start_year",))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Program
        fields = ("reference", "title", "unit", "period", "status")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No program matches.")

    def render_reference(self, record):
        return record.reference or "—"

    def render_period(self, record):
        return f"{record.start_year}–{record.end_year}" if record.end_year != record.start_year else record.start_year
