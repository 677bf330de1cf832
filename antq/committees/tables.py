import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from antq.committees.models import SteeringCommittee
from antq.core.tables import DateColumn, PkLinkColumn


class SteeringCommitteeTable(tables.Table):
    unit = PkLinkColumn("committees:committee_detail", verbose_name=_("Unit"),
                             accessor="unit__display_name", order_by=("unit__search_name",))
    level = tables.Column(verbose_name=_("Level"), accessor="unit__level__label", order_by=("unit__level__rank",))
    established_on = DateColumn(verbose_name=_("Established on"), format="d/m/Y")

    class Meta:
        model = SteeringCommittee
        fields = ("unit", "level", "established_on")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No steering committee matches.")
