import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.filtersets import YEAR_RANGE
from antq.core.text import fold
from antq.evaluations.choices import ESTABLISHMENT_KINDS, Status, UnitKind
from antq.evaluations.models import Evaluation, Incident
from antq.orgs.models import Establishment


class EvaluationFilterSet(django_filters.FilterSet):
    """One filter for the list page and the API (docs/architecture.md "API")."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    year = django_filters.NumberFilter(label=_("Year"), validators=YEAR_RANGE)
    kind = django_filters.ChoiceFilter(label=_("Unit kind"), choices=UnitKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    province = django_filters.NumberFilter(label=_("Province"), field_name="province_id")

    class Meta:
        model = Evaluation
        fields = ["q", "year", "kind", "status", "commune", "province"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "status"):
            self.form.fields[name].widget.attrs["class"] = "form-select"
        self.form.fields["year"].widget.attrs["class"] = "form-control"

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(Q(unit__search_name__contains=folded)
                               | Q(establishment__search_name__contains=folded))


class EstablishmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=[(k.value, k.label) for k in ESTABLISHMENT_KINDS],
                                       empty_label=_("All kinds"))
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    unit = django_filters.NumberFilter(label=_("Inside unit"), method="filter_unit")
    exempt = django_filters.BooleanFilter(label=_("Exempt"), field_name="is_exempt")

    class Meta:
        model = Establishment
        fields = ["q", "kind", "commune", "unit", "exempt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["kind"].widget.attrs["class"] = "form-select"

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_name__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(commune_id=value) | Q(
            commune__parent_id=value))


class IncidentFilterSet(django_filters.FilterSet):
    kind = django_filters.CharFilter(label=_("Kind"))
    unit = django_filters.NumberFilter(label=_("Unit"), field_name="unit_id")

    class Meta:
        model = Incident
        fields = ["kind", "unit"]
