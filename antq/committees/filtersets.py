import django_filters
from django.utils.translation import gettext_lazy as _

from antq.committees.models import CommitteeMember, Meeting, SteeringCommittee
from antq.core.filtersets import YEAR_RANGE
from antq.core.text import fold
from antq.geo.models import Level


class SteeringCommitteeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    level = django_filters.ModelChoiceFilter(label=_("Level"), field_name="unit__level", to_field_name="code",
                                             queryset=Level.objects.all())
    unit = django_filters.NumberFilter(label=_("Unit"), field_name="unit_id")
    overdue = django_filters.ChoiceFilter(label=_("Meetings"), method="filter_overdue", empty_label=_("All committees"),
                                          choices=[("true", _("Behind on meetings")), ("false", _("Meeting on time"))])

    class Meta:
        model = SteeringCommittee
        fields = ["q", "level", "unit", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["level"].widget.attrs["class"] = "form-select"
        self.form.fields["level"].empty_label = _("All levels")
        self.form.fields["overdue"].widget.attrs["class"] = "form-select"

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(unit__search_name__contains=folded) if folded else queryset

    def filter_overdue(self, queryset, name, value):
        from antq.committees.selectors import overdue

        behind = overdue(queryset)
        return behind if value == "true" else queryset.exclude(pk__in=behind.values("pk"))


class CommitteeMemberFilterSet(django_filters.FilterSet):
    committee = django_filters.NumberFilter(label=_("Committee"), field_name="committee_id")
    current = django_filters.BooleanFilter(label=_("Current only"), method="filter_current")

    class Meta:
        model = CommitteeMember
        fields = ["committee", "current"]

    def filter_current(self, queryset, name, value):
        current = queryset.current()
        return current if value else queryset.exclude(pk__in=current)


class MeetingFilterSet(django_filters.FilterSet):
    committee = django_filters.NumberFilter(label=_("Committee"), field_name="committee_id")
    year = django_filters.NumberFilter(label=_("Year"), field_name="held_on__year", validators=YEAR_RANGE)
    held_after = django_filters.DateFilter(label=_("Held on or after"), field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(label=_("Held on or before"), field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["committee", "year", "held_after", "held_before"]
