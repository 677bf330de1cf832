from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.evaluations.choices import ESTABLISHMENT_KINDS, IncidentKind, Judgement, SizeClass, TargetKind, UnitKind
from antq.orgs.models import Establishment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILE_HELP = _("PDF, JPEG or PNG.")


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 6, -1)]


class RegistrationForm(forms.Form):
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE)
    households = forms.IntegerField(label=_("Households in the area"), min_value=1, max_value=100_000, required=False)
    households_registered = forms.IntegerField(label=_("Households registered"), min_value=0, max_value=100_000,
                                               required=False)
    resolution_file = forms.FileField(label=_("Party resolution"), required=False, help_text=FILE_HELP)
    plan_file = forms.FileField(label=_("Security plan"), required=False, help_text=FILE_HELP)
    registration_file = forms.FileField(label=_("Registration form"), required=False, help_text=FILE_HELP)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registered_on"].initial = timezone.localdate()
        if kind != UnitKind.RESIDENTIAL_AREA:
            del self.fields["households"], self.fields["households_registered"]


class AssessmentForm(forms.Form):
    """One row of fields per criterion result: the answer, the number, the evidence."""

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for result in results:
            criterion = result.criterion
            names = {}
            if criterion.judgement in (Judgement.YES_NO, Judgement.AUTOMATIC):
                names["met"] = f"met_{result.pk}"
                self.fields[names["met"]] = forms.TypedChoiceField(
                    label=_("Met?"), required=False, coerce=lambda v: {"yes": True, "no": False}.get(v),
                    choices=[("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))],
                    initial={True: "yes", False: "no"}.get(result.met, ""))
            if criterion.judgement == Judgement.THRESHOLD:
                names["value"] = f"value_{result.pk}"
                self.fields[names["value"]] = forms.DecimalField(
                    label=_("Value"), required=False, min_value=0, max_value=9_999_999, initial=result.value)
            names["note"] = f"note_{result.pk}"
            self.fields[names["note"]] = forms.CharField(label=_("Evidence"), required=False, max_length=5000,
                                                         initial=result.note, widget=forms.Textarea(attrs={"rows": 2}))
            names["evidence"] = f"evidence_{result.pk}"
            self.fields[names["evidence"]] = forms.FileField(label=_("Evidence file"), required=False,
                                                             help_text=FILE_HELP)
            self.rows.append((result, {key: self[name] for key, name in names.items()}))

    def answers(self) -> dict[int, dict]:
        data = self.cleaned_data
        answers = {}
        for result, _fields in self.rows:
            pk = result.pk
            answers[pk] = {"met": data.get(f"met_{pk}"), "value": data.get(f"value_{pk}"),
                           "note": data.get(f"note_{pk}", ""), "evidence": data.get(f"evidence_{pk}")}
        return answers


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Review meeting held on"), widget=DATE)
    chair = forms.CharField(label=_("Chaired by"), max_length=200)
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=10_000)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=10_000)


class ProposalForm(forms.Form):
    number = forms.CharField(label=_("Proposal number"), max_length=60)
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE)


class DecisionForm(forms.Form):
    recognise = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                       choices=[("yes", _("Recognise")), ("no", _("Do not recognise"))],
                                       widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    reason = forms.CharField(label=_("Reason for refusal"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExceptionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the exception"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class EstablishmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in ESTABLISHMENT_KINDS])
    name = forms.CharField(label=_("Name"), max_length=300)
    size_class = forms.ChoiceField(label=_("Size or school level"), required=False,
                                   choices=[("", "—"), *SizeClass.choices],
                                   help_text=_("Armed-forces units, micro and small enterprises, primary schools, "
                                               "kindergartens and nurseries are exempt."))
    tax_code = forms.CharField(label=_("Tax or registration code"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    has_party_organisation = forms.BooleanField(label=_("Has a Party organisation"), required=False)


class EstablishmentImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"),
                           help_text=_("Columns: Loại, Tên, Mã xã, Quy mô / cấp học, Mã số thuế, Địa chỉ, "
                                       "Có tổ chức Đảng — as in the export."))


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IncidentKind.choices)
    unit = forms.ModelChoiceField(label=_("Where"), queryset=None)
    establishment = forms.ModelChoiceField(label=_("Establishment"), queryset=None, required=False)
    occurred_on = forms.DateField(label=_("Occurred on"), widget=DATE)
    description = forms.CharField(label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    detected_promptly = forms.BooleanField(label=_("Detected and reported promptly"), required=False)
    force_majeure = forms.BooleanField(label=_("Force majeure"), required=False)

    def __init__(self, *args, units, establishments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.display_name
        self.fields["establishment"].queryset = establishments


class GradingForm(forms.Form):
    def __init__(self, *args, sheet, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for item in sheet.items.all():
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.order}. {item.text} (/{item.max_points})", min_value=0, max_value=item.max_points,
                decimal_places=2, initial=current.get(item.pk))

    def points(self) -> dict[int, object]:
        return {int(name.removeprefix("item_")): value for name, value in self.cleaned_data.items()}


def establishment_choices(commune):
    return Establishment.objects.filter(commune=commune, closed_on__isnull=True).order_by("search_name")


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Unit kind"), choices=UnitKind.choices)
    text = forms.CharField(label=_("Criterion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    article = forms.CharField(label=_("Article or source"), max_length=100, required=False)
    judgement = forms.ChoiceField(label=_("Judged by"), choices=Judgement.choices, initial=Judgement.YES_NO)
    threshold = forms.DecimalField(label=_("Threshold"), required=False, min_value=0, max_value=9_999_999)
    check_code = forms.ChoiceField(label=_("Automatic check"), required=False)
    valid_from = forms.DateField(label=_("From"), widget=DATE)

    def __init__(self, *args, **kwargs):
        from antq.evaluations.checks import check_codes

        super().__init__(*args, **kwargs)
        self.fields["check_code"].choices = [("", "—"), *((code, code) for code in check_codes())]
        self.fields["valid_from"].initial = timezone.localdate()


class CriterionEditForm(forms.Form):
    text = forms.CharField(label=_("Criterion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    article = forms.CharField(label=_("Article or source"), max_length=100, required=False)
    threshold = forms.DecimalField(label=_("Threshold"), required=False, min_value=0, max_value=9_999_999)
    valid_from = forms.DateField(label=_("From"), widget=DATE)


class ValidFromForm(forms.Form):
    valid_from = forms.DateField(label=_("From"), widget=DATE)


class BandsForm(forms.Form):
    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        for band in sheet.bands.all():
            self.fields[band.grade] = forms.IntegerField(label=band.get_grade_display(), min_value=0, max_value=1000,
                                                         initial=band.min_points)


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Target"), choices=TargetKind.choices)
    value = forms.DecimalField(label=_("Value"), min_value=0, max_value=100_000, decimal_places=2)
    year_from = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)


class DayMonthField(forms.CharField):
    """A day of the year as "dd/mm" (the way deadlines are written), cleaned to (month, day)."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        day, _sep, month = value.partition("/")
        if not (day.isdigit() and month.isdigit()):
            raise forms.ValidationError(_("Write the day as dd/mm, for example 15/11."))
        return int(month), int(day)


class KindRuleForm(forms.Form):
    valid_from = forms.DateField(label=_("From"), widget=DATE)
    approving_level = forms.ModelChoiceField(label=_("Approved by"), queryset=None)
    registration_due = DayMonthField(label=_("Registration due"), max_length=5)
    decision_due = DayMonthField(label=_("Decision due"), max_length=5)
    grading_due = DayMonthField(label=_("Grading file due"), max_length=5)
    remind_days_before = forms.CharField(label=_("Reminders (days before)"), required=False, max_length=40,
                                         help_text=_("Numbers separated by commas, for example 14, 3."))
    exempt_classes = forms.MultipleChoiceField(label=_("Exempt"), required=False, choices=SizeClass.choices,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from antq.geo.models import Level

        super().__init__(*args, **kwargs)
        self.fields["approving_level"].queryset = Level.objects.filter(code__in=["commune", "province"])

    def clean_remind_days_before(self):
        parts = [p.strip() for p in self.cleaned_data["remind_days_before"].split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Numbers separated by commas, for example 14, 3."))
        return [int(p) for p in parts]
