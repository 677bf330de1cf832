import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from antq.core.tables import PkLinkColumn
from antq.mediation.models import MediationTeam

ATTRS = {"class": "table table-sm table-hover align-middle"}


class MediationTeamTable(tables.Table):
    """Teams with their current make-up; `problems` on each row comes from the rule in force (the view)."""

    name = PkLinkColumn("mediation:team_detail", verbose_name=_("Mediation team"))
    unit = tables.Column(verbose_name=_("Residential area"), accessor="unit__display_name",
                         order_by=("unit__search_name",))
    commune = tables.Column(verbose_name=_("Commune"), accessor="commune__display_name",
                            order_by=("commune__search_name",))
    n_mediators = tables.Column(verbose_name=_("Mediators"), attrs={"td": {"class": "text-end"}})
    n_women = tables.Column(verbose_name=_("Women"), attrs={"td": {"class": "text-end"}})
    problems = tables.Column(verbose_name=_("Make-up"), accessor="pk", orderable=False)

    class Meta:
        model = MediationTeam
        fields = ("name", "unit", "commune", "n_mediators", "n_women", "problems")
        attrs = ATTRS
        empty_text = _("No mediation team matches.")

    def __init__(self, *args, rule=None, **kwargs):
        self.rule = rule
        super().__init__(*args, **kwargs)

    def render_problems(self, record):
        from antq.mediation.selectors import problems

        found = problems(record, self.rule)
        if not found:
            return format_html('<span class="badge text-bg-success">{}</span>', _("as the law requires"))
        return format_html_join(" ", '<span class="badge text-bg-danger">{}</span>', ((p,) for p in found))
