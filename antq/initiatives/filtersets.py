import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.text import fold
from antq.initiatives.choices import InitiativeKind, Status
from antq.initiatives.models import ExemplaryUnit, Initiative, Site, Team


class InitiativeFilterSet(django_filters.FilterSet):
    """One filter for the list page and the API (docs/architecture.md "API")."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InitiativeKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    exemplary = django_filters.BooleanFilter(label=_("Exemplary example"), field_name="is_exemplary")
    unit = django_filters.NumberFilter(label=_("Inside unit"), method="filter_unit")

    class Meta:
        model = Initiative
        fields = ["q", "kind", "status", "exemplary", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "status"):
            self.form.fields[name].widget.attrs["class"] = "form-select"

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_name__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(unit_id=value) | Q(commune_id=value) | Q(province_id=value))


class SiteFilterSet(django_filters.FilterSet):
    initiative = django_filters.NumberFilter(label=_("Model"), field_name="initiative_id")
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    open = django_filters.BooleanFilter(label=_("Open"), field_name="closed_on", lookup_expr="isnull")

    class Meta:
        model = Site
        fields = ["initiative", "commune", "open"]


class TeamFilterSet(django_filters.FilterSet):
    initiative = django_filters.NumberFilter(label=_("Model"), field_name="initiative_id")
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    active = django_filters.BooleanFilter(label=_("Active"), field_name="disbanded_on", lookup_expr="isnull")

    class Meta:
        model = Team
        fields = ["initiative", "commune", "active"]


class ExemplaryUnitFilterSet(django_filters.FilterSet):
    province = django_filters.NumberFilter(label=_("Province"), field_name="province_id")
    current = django_filters.BooleanFilter(label=_("Not ended"), field_name="ended_on", lookup_expr="isnull")

    class Meta:
        model = ExemplaryUnit
        fields = ["province", "current"]
