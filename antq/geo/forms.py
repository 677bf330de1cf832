from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import CachedChoiceField
from antq.geo import choices
from antq.geo.models import AdminUnit, UnitType
from antq.geo.selectors import by_proper_name


class ResidentialAreaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("For example \"Tổ dân phố 3\" or \"Ấp Trường Lưu\"."))
    unit_type = forms.ModelChoiceField(
        label=_("Type"),
        queryset=UnitType.objects.filter(level__code=choices.RESIDENTIAL_AREA),
        empty_label=None,
    )


class ResidentialAreaCloseForm(forms.Form):
    valid_to = forms.DateField(label=_("Closed on"), help_text=_("dd/mm/yyyy"))
    successor = forms.ModelChoiceField(label=_("Merged into"), queryset=AdminUnit.objects.none(),
                                       required=False)

    def __init__(self, *args, area: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            AdminUnit.objects.current().filter(parent_id=area.parent_id).exclude(pk=area.pk)
            .select_related("unit_type", "level")
        )


class _ByProperName(forms.models.ModelChoiceIterator):
    """The units as people look for them (antq.geo.selectors.by_proper_name), sorted when the list is
    drawn — never when a posted report is only checked."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in by_proper_name(self.queryset.select_related("unit_type")):
            yield self.choice(unit)


class UnitField(CachedChoiceField):
    iterator = _ByProperName

    def label_from_instance(self, obj):
        return obj.picker_label
