import django_filters
from django.utils.translation import gettext_lazy as _

from antq.geo.models import AdminUnit, Level


class AdminUnitFilterSet(django_filters.FilterSet):
    """One filter set for the unit browser and /api/v1/units/."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    level = django_filters.ModelChoiceFilter(
        label=_("Level"), field_name="level", to_field_name="code", queryset=Level.objects.all()
    )
    parent = django_filters.NumberFilter(label=_("Parent unit"), field_name="parent_id")
    code = django_filters.CharFilter(label=_("Official code"), field_name="code")
    current = django_filters.BooleanFilter(label=_("Current only"), field_name="valid_to",
                                           lookup_expr="isnull")

    class Meta:
        model = AdminUnit
        fields = ["q", "level", "parent", "code", "current"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["level"].widget.attrs["class"] = "form-select"
        self.form.fields["level"].empty_label = _("All levels")
