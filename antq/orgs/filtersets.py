import django_filters
from django.utils.translation import gettext_lazy as _

from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User


class OrganisationFilterSet(django_filters.FilterSet):
    """One filter set for the organisation list and /api/v1/organisations/."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    org_type = django_filters.ModelChoiceFilter(
        label=_("Type"), to_field_name="code", queryset=OrganisationType.objects.all()
    )
    unit = django_filters.NumberFilter(label=_("Unit"), method="filter_unit")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["q", "org_type", "unit", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["org_type"].widget.attrs["class"] = "form-select"
        self.form.fields["org_type"].empty_label = _("All types")

    def filter_unit(self, queryset, name, value):
        """The unit and everything below it."""
        from antq.geo.models import AdminUnit

        path = AdminUnit.objects.filter(pk=value).values_list("path", flat=True).first()
        return queryset.filter(unit__path__startswith=path) if path else queryset.none()


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    home_unit = django_filters.NumberFilter(label=_("Home unit"), field_name="home_unit_id")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "home_unit", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class RoleAssignmentFilterSet(django_filters.FilterSet):
    user = django_filters.NumberFilter(label=_("User"), field_name="user_id")
    role = django_filters.ModelChoiceFilter(label=_("Role"), to_field_name="code",
                                            queryset=Role.objects.all())
    active = django_filters.BooleanFilter(label=_("Active"), field_name="revoked_at",
                                          lookup_expr="isnull")

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "active"]
