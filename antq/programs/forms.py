from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.orgs.models import Organisation
from antq.programs.choices import AssignmentStatus, ProgramKind, Recurrence
from antq.programs.models import Program

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class ProgramForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    number = forms.CharField(label=_("Number"), max_length=20, required=False, help_text=_("For example \"13\"."))
    code = forms.CharField(label=_("Code"), max_length=60, required=False,
                           help_text=_("For example \"CTrPH-CA-MTTQ\"."))
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE_INPUT)
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    start_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)
    parent = forms.ModelChoiceField(label=_("Implements"), queryset=Program.objects.none(), required=False,
                                    help_text=_("Its content and assignments are copied as a draft to edit."))
    issuers = forms.ModelMultipleChoiceField(label=_("Issued jointly by"), queryset=Organisation.objects.none(),
                                             required=False, widget=forms.CheckboxSelectMultiple)
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, unit, parents, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["start_year"].initial = year
        self.fields["end_year"].initial = year
        self.fields["parent"].queryset = parents
        self.fields["issuers"].queryset = Organisation.objects.filter(unit=unit, is_active=True).select_related(
            "org_type")
        self.fields["issuers"].widget.attrs["class"] = "list-unstyled"


class ContentItemForm(forms.Form):
    text = forms.CharField(label=_("Content item"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignmentForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    task = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE_INPUT)
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(unit=program.unit, is_active=True)


class AssignmentReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AssignmentStatus.choices)
    progress = forms.CharField(label=_("Progress note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence (PDF or image)"), required=False)
