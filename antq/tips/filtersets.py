import django_filters
from django.utils.translation import gettext_lazy as _

from antq.tips.choices import Channel, Status
from antq.tips.models import Tip, TipCategory


class TipFilterSet(django_filters.FilterSet):
    """One filter for the queue and the API; never on identity fields."""

    code = django_filters.CharFilter(label=_("Receipt code"), field_name="receipt_code", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=TipCategory.objects.all(),
                                                empty_label=_("All categories"))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices, empty_label=_("All channels"))
    urgent = django_filters.BooleanFilter(label=_("Urgent"))
    commune = django_filters.NumberFilter(label=_("Commune"), field_name="commune_id")
    open = django_filters.BooleanFilter(label=_("Open"), method="filter_open")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_today = django_filters.BooleanFilter(label=_("Due today"), method="filter_due_today")

    class Meta:
        model = Tip
        fields = ["code", "status", "category", "channel", "urgent", "commune", "open", "overdue", "due_today"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("status", "category", "channel"):
            self.form.fields[name].widget.attrs["class"] = "form-select"

    def filter_open(self, queryset, name, value):
        from antq.tips.choices import OPEN_STATUSES

        return queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)

    def filter_overdue(self, queryset, name, value):
        from antq.tips.selectors import overdue

        return overdue(queryset) if value else queryset

    def filter_due_today(self, queryset, name, value):
        from antq.tips.selectors import due_today

        return due_today(queryset) if value else queryset
