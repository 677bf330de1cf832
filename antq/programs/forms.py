from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation
from antq.programs.choices import AssignmentStatus, FollowUp, IndicatorKind, ProgramKind, Recurrence
from antq.programs.models import Program, ReportForm
from antq.programs.services import coordination

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class ProgramForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    number = forms.CharField(label=_("Number"), max_length=20, required=False, help_text=_("For example \"13\"."))
    code = forms.CharField(label=_("Code"), max_length=60, required=False,
                           help_text=_("For example \"CTrPH-CA-MTTQ\"."))
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE_INPUT)
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))
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


class DirectiveForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=500)
    body = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    reply_by = forms.DateField(label=_("Reply by"), widget=DATE_INPUT)


class InspectionPlanForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("To"), widget=DATE_INPUT)
    team = forms.CharField(label=_("Team"), widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("One member per line: name, title, organisation."))
    targets = forms.ModelMultipleChoiceField(label=_("Units to inspect"), queryset=AdminUnit.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["targets"].queryset = coordination.recipients(unit).select_related("unit_type", "level")
        self.fields["targets"].label_from_instance = lambda u: u.display_name


class FindingsForm(forms.Form):
    visited_on = forms.DateField(label=_("Inspected on"), widget=DATE_INPUT)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(label=_("Recommendations"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Follow-up"), choices=FollowUp.choices)
    note = forms.CharField(label=_("What was done"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportValuesForm(forms.Form):
    """One field per indicator of the form (the form's structure is data)."""

    def __init__(self, *args, report_form: ReportForm, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in report_form.indicators.all():
            label, unit = indicator.shown_label, indicator.shown_unit
            label = f"{label} ({unit})" if unit else label
            if indicator.kind == IndicatorKind.NUMBER:
                field = forms.CharField(label=label, required=False,
                                        widget=forms.TextInput(attrs={"inputmode": "decimal"}))
            else:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
            field.section = indicator.shown_section
            self.fields[indicator.code] = field
