from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.supervision.choices import Grade, RollCall


class PersonForm(forms.Form):
    """A person received by the commune under a measure."""

    kind = forms.TypedChoiceField(label=_("Measure"), coerce=int)
    unit = forms.TypedChoiceField(label=_("Residential area"), coerce=int)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE_INPUT)
    id_number = forms.CharField(label=_("Citizen ID number (12 digits)"), max_length=20)
    address = forms.CharField(label=_("Address"), max_length=300)
    reference = forms.CharField(label=_("Court judgment or decision"), max_length=200, required=False,
                                help_text=_("For example \"Bản án 45/2026/HS-ST ngày 10/4/2026\"."))
    started_on = forms.DateField(label=_("Measure starts on"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Measure ends on"), widget=DATE_INPUT, required=False)
    intake_on = forms.DateField(label=_("Received at the commune on"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, kinds, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {k.pk: k for k in kinds}
        self.areas = {a.pk: a for a in areas}
        self.fields["kind"].choices = [("", "—"), *((k.pk, str(k)) for k in kinds)]
        self.fields["unit"].choices = [("", "—"), *((a.pk, a.display_name) for a in areas)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["kind"], data["unit"] = self.kinds.get(data["kind"]), self.areas.get(data["unit"])
        return data


class PlanForm(forms.Form):
    officer = forms.TypedChoiceField(label=_("Officer in charge"), coerce=int)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {u.pk: u for u in officers}
        self.fields["officer"].choices = [("", "—"), *((u.pk, u.full_name) for u in officers)]


class RestrictionForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Keep the file from"), coerce=int)
    reason = forms.CharField(label=_("Why"), max_length=300,
                             help_text=_("For example: a relative of the person works at the commune."))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["user"].choices = [("", "—"), *((u.pk, u.full_name) for u in users)]


class AssessmentForm(forms.Form):
    month = forms.DateField(label=_("Month"), input_formats=["%m/%Y"],
                            widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy",
                                                                          "inputmode": "numeric"}))
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices, widget=forms.RadioSelect)
    roll_call = forms.ChoiceField(label=_("Roll-call"), choices=RollCall.choices, widget=forms.RadioSelect)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
