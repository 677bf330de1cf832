from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.geo import choices as geo
from antq.geo.forms import UnitField
from antq.geo.models import AdminUnit
from antq.supervision.choices import Grade, NeedKind, ProposalKind, RollCall, SupportKind


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
    photo = forms.FileField(label=_("Photo (optional)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
                            help_text=_("JPEG or PNG, at most 5 MB; stored encrypted, without its location data."))

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


class MoveForm(forms.Form):
    """Hand the file to the commune the person moved to: the province, the commune, the residential area."""

    prefix = "move"
    province = UnitField(label=_("Province or city"), queryset=AdminUnit.objects.none(), empty_label="—")
    commune = UnitField(label=_("Commune or ward"), queryset=AdminUnit.objects.none(), empty_label="—")
    to_unit = UnitField(label=_("Residential area"), queryset=AdminUnit.objects.none(), empty_label="—")
    reason = forms.CharField(label=_("Why"), max_length=300, help_text=_("For example: moved to live with family."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = AdminUnit.objects.current().select_related("unit_type", "level")
        self.fields["province"].queryset = current.filter(level__code=geo.PROVINCE)
        province, commune = self.data.get("move-province"), self.data.get("move-commune")
        self.fields["commune"].queryset = current.filter(level__code=geo.COMMUNE, parent_id=province) \
            if str(province or "").isdigit() else current.none()
        self.fields["to_unit"].queryset = current.filter(level__code=geo.RESIDENTIAL_AREA, parent_id=commune) \
            if str(commune or "").isdigit() else current.none()
        for name, chain in (("province", "province"), ("commune", "commune"), ("to_unit", "area")):
            self.fields[name].widget.attrs["data-chain"] = chain


class DecideMoveForm(forms.Form):
    note = forms.CharField(label=_("Note (why, when refusing)"), max_length=300, required=False)


class BreachForm(forms.Form):
    prefix = "breach"
    occurred_on = forms.DateField(label=_("Occurred on"), widget=DATE_INPUT)
    what = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}))
    warned_on = forms.DateField(label=_("Warned on (if a warning was given)"), widget=DATE_INPUT, required=False)


class WarnForm(forms.Form):
    warned_on = forms.DateField(label=_("Warned on"), widget=DATE_INPUT, initial=timezone.localdate)


class HelperEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_INPUT, initial=timezone.localdate)


class ProposalForm(forms.Form):
    prefix = "proposal"
    kind = forms.ChoiceField(label=_("Proposal"), choices=ProposalKind.choices, widget=forms.RadioSelect)
    breaches = forms.TypedMultipleChoiceField(label=_("Breaches it rests on"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE_INPUT, initial=timezone.localdate)
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, breaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {b.pk: b for b in breaches}
        self.fields["breaches"].choices = [(b.pk, b.occurred_on.strftime("%d/%m/%Y")) for b in breaches]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["breaches"] = [self.by_pk[pk] for pk in data["breaches"]]
        return data


class DecisionForm(forms.Form):
    prefix = "decision"
    granted = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                     choices=[("yes", _("Granted")), ("no", _("Refused"))])
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT)
    decision = forms.CharField(label=_("Decision (number, body)"), max_length=200)
    new_end = forms.DateField(label=_("New end (when shortened)"), widget=DATE_INPUT, required=False)


class CompleteForm(forms.Form):
    prefix = "complete"
    ended_on = forms.DateField(label=_("Served on"), widget=DATE_INPUT, initial=timezone.localdate)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60, required=False,
                                         help_text=_("For example \"12/GCN-CAX\"."))


class HelperForm(forms.Form):
    prefix = "helper"
    helper = forms.ChoiceField(label=_("Helper"), help_text=_("An organisation of the Front, or a person who may help "
                                                              "at the commune (a mentor)."))
    decision = forms.CharField(label=_("Decision of the commune People's Committee"), max_length=100,
                               help_text=_("For example \"15/QĐ-UBND\"."))
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT)

    def __init__(self, *args, organisations, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {f"o{o.pk}": o for o in organisations}
        self.users = {f"u{u.pk}": u for u in users}
        self.fields["helper"].choices = [("", "—"),
                                         (_("Organisations"), [(k, o.name) for k, o in self.organisations.items()]),
                                         (_("People"), [(k, u.full_name) for k, u in self.users.items()])]

    def service_values(self) -> dict:
        key = self.cleaned_data["helper"]
        return {"organisation": self.organisations.get(key), "user": self.users.get(key),
                "decision": self.cleaned_data["decision"], "decided_on": self.cleaned_data["decided_on"]}


class VisitForm(forms.Form):
    prefix = "visit"
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE_INPUT, initial=timezone.localdate)
    attitude = forms.CharField(label=_("Attitude"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("How the person takes the help, how they live and work."))
    wishes = forms.CharField(label=_("Wishes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NeedForm(forms.Form):
    prefix = "need"
    kind = forms.ChoiceField(label=_("Need"), choices=[("", "—"), *NeedKind.choices])
    detail = forms.CharField(label=_("Detail"), required=False, max_length=500)
    noted_on = forms.DateField(label=_("Noted on"), widget=DATE_INPUT, initial=timezone.localdate)


class SupportForm(forms.Form):
    prefix = "support"
    kind = forms.ChoiceField(label=_("Help given"), choices=[("", "—"), *SupportKind.choices])
    need = forms.TypedChoiceField(label=_("For the need"), coerce=int, required=False, empty_value=None)
    need_met = forms.BooleanField(label=_("The need is met"), required=False)
    given_on = forms.DateField(label=_("Given on"), widget=DATE_INPUT, initial=timezone.localdate)
    provider = forms.CharField(label=_("Given by"), max_length=200,
                               help_text=_("For example: the Social Policy Bank, a vocational school, a company."))
    amount = forms.DecimalField(label=_("Amount (VND), for a loan"), required=False, min_value=0, decimal_places=0,
                                max_digits=14)
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=500)

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = {n.pk: n for n in needs}
        self.fields["need"].choices = [("", "—"), *((n.pk, n.get_kind_display()) for n in needs)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["need"] = self.needs.get(data["need"])
        return data


class OpenFileForm(forms.Form):
    """Ask to open a file, or open it now in an emergency: its number and why."""

    number = forms.IntegerField(label=_("File number"), min_value=1, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "placeholder": "12"}))
    reason = forms.CharField(label=_("Why you need it"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                             help_text=_("The commune police head reads it."))
    how = forms.ChoiceField(label=_("How"), widget=forms.RadioSelect, initial="ask", choices=[
        ("ask", _("Ask the commune police head (opens when approved)")),
        ("now", _("Open it now: an emergency (the police head is told at once)"))])
