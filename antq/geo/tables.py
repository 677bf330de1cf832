import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateColumn, PkLinkColumn
from antq.geo.models import AdminUnit


class AdminUnitTable(tables.Table):
    name = PkLinkColumn("geo:unit_detail", verbose_name=_("Name"),
                             accessor="display_name", order_by=("search_name",))
    code = tables.Column(verbose_name=_("Official code"))
    level = tables.Column(verbose_name=_("Level"), accessor="level__label", order_by=("level__rank",))
    parent = tables.Column(verbose_name=_("Parent unit"), accessor="parent__display_name",
                           order_by=("parent__search_name",))
    valid_to = DateColumn(verbose_name=_("Closed on"), format="d/m/Y")

    class Meta:
        model = AdminUnit
        fields = ("name", "code", "level", "parent", "valid_to")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No unit matches.")
