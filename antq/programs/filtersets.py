import django_filters
from django.utils.translation import gettext_lazy as _

from antq.core.text import fold
from antq.programs.choices import AssignmentStatus, ProgramKind, ProgramStatus, ReportStatus
from antq.programs.models import Assignment, Program, Report


class ProgramFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProgramKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProgramStatus.choices)
    unit = django_filters.NumberFilter(label=_("Unit"), field_name="unit_id")
    parent = django_filters.NumberFilter(label=_("Implements"), field_name="parent_id")

    class Meta:
        model = Program
        fields = ["q", "kind", "status", "unit", "parent"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(search_text__contains=folded)


class AssignmentFilterSet(django_filters.FilterSet):
    program = django_filters.NumberFilter(label=_("Program"), field_name="program_id")
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssignmentStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Assignment
        fields = ["program", "organisation", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue)


class ReportFilterSet(django_filters.FilterSet):
    form = django_filters.CharFilter(label=_("Form"), field_name="form__code")
    unit = django_filters.NumberFilter(label=_("Unit"), field_name="unit_id")
    period_start = django_filters.DateFilter(label=_("Period start"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)
    current = django_filters.BooleanFilter(label=_("Current version"), field_name="is_current")

    class Meta:
        model = Report
        fields = ["form", "unit", "period_start", "status", "current"]
