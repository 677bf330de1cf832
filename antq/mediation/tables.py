import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateColumn, PkLinkColumn
from antq.mediation.models import Dispute, MediationCase, MediationTeam

ATTRS = {"class": "table table-sm table-hover align-middle"}


def _place(record):
    """The residential area over its commune, or the commune alone."""
    if record.unit_id:
        return format_html('{}<div class="small text-secondary">{}</div>', record.unit.display_name,
                           record.commune.display_name)
    return record.commune.display_name


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


class MediationCaseTable(tables.Table):
    """Cases without what the parties said or who they are: the number, the subject, where, the state."""

    number = PkLinkColumn("mediation:case_detail", verbose_name=_("Number"), accessor="label",
                          order_by=("register_year", "register_number"))
    received_at = DateColumn(verbose_name=_("Received"))
    subject = tables.Column(verbose_name=_("Subject"), order_by=("subject__order",))
    place = tables.Column(verbose_name=_("Where"), accessor="pk", order_by=("commune__search_name",
                                                                             "unit__search_name"))
    status = tables.Column(verbose_name=_("Status"))
    start_due = DateColumn(verbose_name=_("To start by"))

    class Meta:
        model = MediationCase
        fields = ("number", "received_at", "subject", "place", "status", "start_due")
        attrs = ATTRS
        empty_text = _("No matter matches.")
        order_by = ("-received_at",)

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def render_place(self, record):
        return _place(record)

    def render_status(self, value, record):
        tone = {"agreed": "success", "not_agreed": "secondary", "stopped": "secondary", "declined": "dark"}.get(
            record.status, "primary")
        return format_html('<span class="badge text-bg-{}">{}</span>', tone, value)

    def render_start_due(self, value, record):
        from django.utils import dateformat

        from antq.mediation.selectors import is_late

        text = dateformat.format(value, "d/m/Y")
        if is_late(record, self.today):
            return format_html('<span class="text-danger fw-semibold">{} · {}</span>', text, _("late"))
        return text if record.status == "assigned" else "—"


class DisputeTable(tables.Table):
    """Disputes by their title, place, scale, age and owner; never who is involved."""

    title = PkLinkColumn("mediation:dispute_detail", verbose_name=_("Dispute"))
    kind = tables.Column(verbose_name=_("Kind"))
    place = tables.Column(verbose_name=_("Where"), accessor="pk", order_by=("commune__search_name",))
    people_involved = tables.Column(verbose_name=_("People"), attrs={"td": {"class": "text-end"}})
    began_on = tables.Column(verbose_name=_("Age"))
    state = tables.Column(verbose_name=_("State"))
    owner = tables.Column(verbose_name=_("Officer in charge"), accessor="owner__full_name",
                          order_by=("owner__full_name",))

    class Meta:
        model = Dispute
        fields = ("title", "kind", "place", "people_involved", "began_on", "state", "owner")
        attrs = ATTRS
        empty_text = _("No dispute matches.")
        order_by = ("began_on",)

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def render_place(self, record):
        return _place(record)

    def render_began_on(self, value, record):
        from django.utils import dateformat
        from django.utils.translation import ngettext

        end = record.resolved_on or self.today
        days = (end - value).days
        return format_html('{}<div class="small text-secondary">{}</div>',
                           ngettext("%(n)s day", "%(n)s days", days) % {"n": days}, dateformat.format(value, "d/m/Y"))

    def render_state(self, value, record):
        tone = {"risk": "warning", "hot_spot": "danger", "resolved": "success"}.get(record.state, "primary")
        return format_html('<span class="badge text-bg-{}">{}</span>', tone, value)
