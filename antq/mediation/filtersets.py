import django_filters
from django.utils.translation import gettext_lazy as _

from antq.mediation.choices import LIVE_DISPUTE, CaseStatus, DisputeKind, DisputeState
from antq.mediation.models import Dispute, MediationCase, MediationTeam, Subject


class MediationTeamFilterSet(django_filters.FilterSet):
    """One filter for the list page and the API."""

    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    unit = django_filters.NumberFilter(label=_("Residential area"), field_name="unit_id")
    problems = django_filters.ChoiceFilter(label=_("Make-up"), method="filter_problems",
                                           empty_label=_("All teams"),
                                           choices=[("true", _("Not as the law requires"))])

    class Meta:
        model = MediationTeam
        fields = ["commune", "unit", "problems"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["problems"].widget.attrs["class"] = "form-select"

    def filter_problems(self, queryset, name, value):
        from antq.mediation.selectors import with_problems

        return queryset.filter(pk__in=with_problems(queryset).values("pk")) if value == "true" else queryset


class MediationCaseFilterSet(django_filters.FilterSet):
    """One filter for the case list and the API; `state` is what the boards count (the same selectors)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices, empty_label=_("All statuses"))
    state = django_filters.ChoiceFilter(label=_("To act on"), method="filter_state", empty_label=_("Everything"),
                                        choices=[("to_assign", _("Mediators to assign")),
                                                 ("late", _("Late to start")),
                                                 ("to_follow", _("Agreements to follow up"))])
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    team = django_filters.NumberFilter(label=_("Team"), field_name="team_id")
    subject = django_filters.ModelChoiceFilter(label=_("Subject"), queryset=Subject.objects.all(),
                                               empty_label=_("All subjects"))
    year = django_filters.NumberFilter(label=_("Register year"), field_name="register_year")

    class Meta:
        model = MediationCase
        fields = ["status", "state", "commune", "team", "subject", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("status", "state", "subject"):
            self.form.fields[name].widget.attrs["class"] = "form-select"

    def filter_state(self, queryset, name, value):
        from antq.mediation import selectors

        return {"to_assign": selectors.to_assign, "late": selectors.late_to_start,
                "to_follow": selectors.agreements_to_follow}[value](queryset)


class DisputeFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), method="filter_state", empty_label=_("Not settled"),
                                        choices=[*DisputeState.choices, ("all", _("All"))])
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DisputeKind.choices, empty_label=_("All kinds"))

    class Meta:
        model = Dispute
        fields = ["state", "commune", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("state", "kind"):
            self.form.fields[name].widget.attrs["class"] = "form-select"

    @property
    def qs(self):
        # No state asked: what is not settled yet (the lists people open every day).
        queryset = super().qs
        return queryset if self.form.cleaned_data.get("state") else queryset.filter(state__in=LIVE_DISPUTE)

    def filter_state(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(state=value)
