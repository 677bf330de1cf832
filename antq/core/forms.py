"""Forms of core's pages (the working calendar, the time limits, the decisions on access requests) and the
fields every app's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.models import TimeUnit

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class CachedChoiceField(forms.ModelChoiceField):
    """A choice validated against the reference cache (antq.core.refcache) when `lookup` is set: no
    query per public report. The choices offered still come from the queryset."""

    def __init__(self, *args, lookup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup = lookup

    def to_python(self, value):
        if self.lookup is None or value in self.empty_values:
            return super().to_python(value)
        found = self.lookup(value)
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class CalendarDayForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE_INPUT)
    working = forms.TypedChoiceField(
        label=_("Kind"), coerce=lambda v: v == "1", initial="0", widget=forms.RadioSelect,
        choices=[("0", _("Day off")), ("1", _("Make-up working day (a weekend day worked)"))])
    name = forms.CharField(label=_("Name"), max_length=200)
    source = forms.CharField(label=_("Source (decision)"), max_length=300, required=False)


class TimeLimitForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    valid_from = forms.DateField(label=_("From"), widget=DATE_INPUT)
    amount = forms.IntegerField(label=_("Amount"), min_value=1, max_value=1000)
    unit = forms.ChoiceField(label=_("Counted in"), choices=TimeUnit.choices)
    source = forms.CharField(label=_("Source (article)"), max_length=300, required=False)
    unconfirmed = forms.BooleanField(label=_("Not confirmed by the text"), required=False)

    def __init__(self, *args, spec=None, **kwargs):
        super().__init__(*args, **kwargs)
        if spec is not None:
            self.fields["unit"].choices = [(u, TimeUnit(u).label) for u in spec.units]
            self.auto_id = f"id_{spec.code.replace('.', '_')}_%s"


def rule_row_form(table, *args, **kwargs):
    """The form of one row of a rule table: the model's own fields and checks, plus the day a dated
    change takes effect."""
    from django.forms import modelform_factory

    form_class = modelform_factory(table.model, fields=list(table.fields))
    form = form_class(*args, **kwargs)
    for name, choices in table.choices.items():
        form.fields[name].queryset = choices()
    if table.dated:
        form.fields["valid_from"] = forms.DateField(label=_("From"), widget=DATE_INPUT)
    for field in form.fields.values():
        if isinstance(field.widget, forms.DateInput) and field.widget is not DATE_INPUT:
            field.widget = DATE_INPUT
    return form


class AccessApproveForm(forms.Form):
    hours = forms.IntegerField(label=_("Open for (hours)"), min_value=1, max_value=1000)
    note = forms.CharField(label=_("Note for the officer"), max_length=1000, required=False)

    def __init__(self, *args, grant=None, **kwargs):
        super().__init__(*args, **kwargs)
        if grant is not None:
            self.auto_id = f"id_approve_{grant.pk}_%s"


class AccessRefuseForm(forms.Form):
    note = forms.CharField(label=_("Why it is refused"), max_length=1000)

    def __init__(self, *args, grant=None, **kwargs):
        super().__init__(*args, **kwargs)
        if grant is not None:
            self.auto_id = f"id_refuse_{grant.pk}_%s"
