"""The forces' API filters: one declaration per list, a bad value a clear 400 (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from antq.core.filtersets import YEAR_RANGE
from antq.forces.choices import PrestigeKind
from antq.forces.models import (
    AllowancePayment,
    Course,
    PrestigePerson,
    Rating,
    SelfManagedGroup,
    Shift,
    Task,
    TrainingPlan,
)

_COMMUNE = {"label": _("Commune"), "field_name": "commune_id"}


class ShiftFilterSet(django_filters.FilterSet):
    team = django_filters.NumberFilter(label=_("Team"), field_name="team_id")
    start = django_filters.DateFilter(label=_("From"), field_name="starts_at__date", lookup_expr="gte")

    class Meta:
        model = Shift
        fields = ["team", "start"]


class TaskFilterSet(django_filters.FilterSet):
    team = django_filters.NumberFilter(label=_("Team"), field_name="team_id")
    year = django_filters.NumberFilter(label=_("Year"), field_name="given_on__year", validators=YEAR_RANGE)

    class Meta:
        model = Task
        fields = ["team", "year"]


class RatingFilterSet(django_filters.FilterSet):
    commune = django_filters.NumberFilter(**_COMMUNE)
    year = django_filters.NumberFilter(label=_("Year"), validators=YEAR_RANGE)

    class Meta:
        model = Rating
        fields = ["commune", "year"]


class TrainingPlanFilterSet(RatingFilterSet):
    class Meta:
        model = TrainingPlan
        fields = ["commune", "year"]


class CourseFilterSet(django_filters.FilterSet):
    commune = django_filters.NumberFilter(**_COMMUNE)

    class Meta:
        model = Course
        fields = ["commune"]


class AllowancePaymentFilterSet(django_filters.FilterSet):
    commune = django_filters.NumberFilter(**_COMMUNE)
    member = django_filters.NumberFilter(label=_("Team member"), field_name="member_id")

    class Meta:
        model = AllowancePayment
        fields = ["commune", "member"]


class SelfManagedGroupFilterSet(CourseFilterSet):
    class Meta:
        model = SelfManagedGroup
        fields = ["commune"]


class PrestigePersonFilterSet(django_filters.FilterSet):
    commune = django_filters.NumberFilter(**_COMMUNE)
    kind = django_filters.ChoiceFilter(label=_("Standing"), choices=PrestigeKind.choices)

    class Meta:
        model = PrestigePerson
        fields = ["commune", "kind"]
