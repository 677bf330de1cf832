import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateColumn, PkLinkColumn
from antq.evaluations.models import Evaluation, Incident
from antq.orgs.models import Establishment

ATTRS = {"class": "table table-sm table-hover align-middle"}


class EvaluationTable(tables.Table):
    subject = PkLinkColumn("evaluations:evaluation_detail", verbose_name=_("Unit"),
                                accessor="subject_name", order_by=("unit__search_name",))
    kind = tables.Column(verbose_name=_("Kind"))
    commune = tables.Column(verbose_name=_("Commune"), accessor="commune__name", order_by=("commune__search_name",))
    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Evaluation
        fields = ("subject", "kind", "commune", "year", "status")
        attrs = ATTRS
        empty_text = _("No evaluation matches.")


class EstablishmentTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), order_by=("search_name",))
    kind = tables.Column(verbose_name=_("Kind"))
    size_class = tables.Column(verbose_name=_("Size or school level"))
    commune = tables.Column(verbose_name=_("Commune"), accessor="commune__display_name",
                            order_by=("commune__search_name",))
    is_exempt = tables.BooleanColumn(verbose_name=_("Exempt"), yesno=("✔", ""))

    class Meta:
        model = Establishment
        fields = ("name", "kind", "size_class", "commune", "is_exempt")
        attrs = ATTRS
        empty_text = _("No establishment matches.")


class IncidentTable(tables.Table):
    occurred_on = DateColumn(verbose_name=_("Occurred on"), format="d/m/Y")
    kind = tables.Column(verbose_name=_("Kind"))
    unit = tables.Column(verbose_name=_("Where"), accessor="unit__display_name", order_by=("unit__path",))
    description = tables.Column(verbose_name=_("What happened"))

    class Meta:
        model = Incident
        fields = ("occurred_on", "kind", "unit", "description")
        attrs = ATTRS
        empty_text = _("No incident recorded.")
