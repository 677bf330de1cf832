from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.forces.choices import DisciplineForm, Education, Role


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example \"Tổ bảo vệ ANTT khu phố 1\"."))
    areas = forms.TypedMultipleChoiceField(label=_("Residential areas"), coerce=int,
                                           widget=forms.CheckboxSelectMultiple)
    decision_number = forms.CharField(label=_("Decision of the commune chairman"), max_length=60,
                                      help_text=_("For example \"25/QĐ-UBND\"."))
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {a.pk: a for a in areas}
        self.fields["areas"].choices = [(a.pk, a.display_name) for a in areas]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["areas"] = [self.by_pk[pk] for pk in data["areas"]]
        return data


class MemberForm(forms.Form):
    prefix = "member"
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE_INPUT)
    id_number = forms.CharField(label=_("Citizen ID number (12 digits)"), max_length=20)
    area = forms.TypedChoiceField(label=_("Lives in"), coerce=int, empty_value=None,
                                  help_text=_("Choose \"elsewhere\" for someone living outside the commune."))
    education = forms.ChoiceField(label=_("Schooling completed"), choices=[("", "—"), *Education.choices])
    clean_record = forms.TypedChoiceField(label=_("Criminal record"), coerce=lambda v: v == "yes",
                                          widget=forms.RadioSelect,
                                          choices=[("yes", _("Clean")), ("no", _("Convicted or under prosecution"))])
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {a.pk: a for a in areas}
        self.fields["area"].choices = [("", "—"), *((a.pk, a.display_name) for a in areas), (0, _("Elsewhere"))]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["area"] = self.areas.get(data["area"]) if data["area"] else None
        return data


class RecogniseForm(forms.Form):
    prefix = "recognise"
    decision_number = forms.CharField(label=_("Decision of the commune chairman"), max_length=60)
    recognised_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT, initial=timezone.localdate)


class LeaveForm(forms.Form):
    prefix = "leave"
    left_on = forms.DateField(label=_("Left on"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(label=_("Why"), max_length=300)


class DisciplineFormForm(forms.Form):
    prefix = "discipline"
    form = forms.ChoiceField(label=_("Form"), choices=DisciplineForm.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT, initial=timezone.localdate)
    decision_number = forms.CharField(label=_("Decision"), max_length=60)
    reason = forms.CharField(label=_("Reason"), max_length=300)
