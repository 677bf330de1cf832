import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateColumn, PkLinkColumn
from antq.initiatives.models import Initiative

ATTRS = {"class": "table table-sm table-hover align-middle"}


class InitiativeTable(tables.Table):
    name = PkLinkColumn("initiatives:initiative_detail", verbose_name=_("Model"),
                             order_by=("search_name",))
    kind = tables.Column(verbose_name=_("Kind"))
    unit = tables.Column(verbose_name=_("Unit"), accessor="unit__display_name", order_by=("unit__search_name",))
    organisation = tables.Column(verbose_name=_("Owning organisation"), accessor="organisation__name",
                                 order_by=("organisation__name",))
    started_on = DateColumn(verbose_name=_("Started on"), format="d/m/Y")
    sites = tables.Column(verbose_name=_("Sites"), accessor="open_sites", attrs={"td": {"class": "text-end"}})
    teams = tables.Column(verbose_name=_("Teams"), accessor="active_teams", attrs={"td": {"class": "text-end"}})
    status = tables.Column(verbose_name=_("Status"), order_by=("status", "-is_exemplary"))

    class Meta:
        model = Initiative
        fields = ("name", "kind", "unit", "organisation", "started_on", "sites", "teams", "status")
        attrs = ATTRS
        empty_text = _("No model matches.")

    def render_status(self, record):  # format_html: no template compiled per cell
        if record.status == "removed":
            return format_html('<span class="badge text-bg-secondary">{}</span>', record.get_status_display())
        if record.is_exemplary:
            return format_html('<span class="badge text-bg-success"><i class="bi bi-star-fill"></i> {}</span>',
                               _("exemplary"))
        return record.get_status_display()
