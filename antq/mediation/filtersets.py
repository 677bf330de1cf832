import django_filters
from django.utils.translation import gettext_lazy as _

from antq.mediation.models import MediationTeam


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
