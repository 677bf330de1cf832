from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.geo import choices as geo
from antq.geo.forms import UnitField
from antq.geo.models import AdminUnit
from antq.geo.selectors import current_commune, current_province
from antq.mediation.choices import ENDINGS, Compliance, DisputeKind, DisputeState, Progress, Sex, Source


class TeamForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Residential area"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200, initial=_("Mediation team"))
    minorities_live_here = forms.BooleanField(label=_("Ethnic minorities live in the area"), required=False,
                                              help_text=_("The team then needs an ethnic-minority mediator."))
    established_on = forms.DateField(label=_("Established on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.pk, a.display_name) for a in areas]


class MediatorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=60, initial="Kinh")
    ethnic_minority = forms.BooleanField(label=_("Of an ethnic minority"), required=False)
    election_share = forms.DecimalField(
        label=_("Share of household representatives who elected them (%)"), max_digits=5, decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("More than half is needed (Law 35/2013 Art. 8)."))
    recognition_decision = forms.CharField(label=_("Recognition decision of the commune chairman"), max_length=60,
                                           required=False, help_text=_("For example \"15/QĐ-UBND\"."))
    recognised_on = forms.DateField(label=_("Recognised on"), required=False, widget=DATE_INPUT)
    term_start = forms.DateField(label=_("Term start"), widget=DATE_INPUT, initial=timezone.localdate)
    is_leader = forms.BooleanField(label=_("Elected team leader"), required=False)
    trained = forms.BooleanField(label=_("Trained in mediation"), required=False)


class EndTermForm(forms.Form):
    term_end = forms.DateField(label=_("Term ended on"), widget=DATE_INPUT)


# --- Cases ------------------------------------------------------------------------------------------


def _subject_choices(subjects) -> list:
    """Mediable subjects first; then, apart, what may not be mediated (Art. 3), so a person who picks one
    learns why and where to go instead."""
    mediable = [(s.pk, str(s)) for s in subjects if s.mediable]
    other = [(s.pk, str(s)) for s in subjects if not s.mediable]
    choices = [("", "—"), *mediable]
    if other:
        choices.append((_("May not be mediated at the grassroots (Law 35/2013 Art. 3)"), other))
    return choices


class _CaseFields(forms.Form):
    subject = forms.TypedChoiceField(label=_("What is the matter about?"), coerce=int)
    description = forms.CharField(label=_("What is the matter?"), max_length=10_000,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Who disagrees with whom, about what, since when."))
    place = forms.CharField(label=_("Where"), max_length=300, required=False)
    occurred_on = forms.DateField(label=_("Since when"), required=False, widget=DATE_INPUT)
    requester_name = forms.CharField(label=_("Full name of the person asking"), max_length=200, required=False)
    requester_phone = forms.CharField(label=_("Their phone"), max_length=20, required=False)
    requester_address = forms.CharField(label=_("Their address"), max_length=300, required=False)
    other_name = forms.CharField(label=_("Full name of the other party"), max_length=200, required=False)
    other_phone = forms.CharField(label=_("Their phone"), max_length=20, required=False)
    other_address = forms.CharField(label=_("Their address"), max_length=300, required=False)
    consent = forms.BooleanField(
        label=_("The parties' details are used only to mediate this matter, by the mediators and the commune's "
                "Front and police (Law 91/2025)."), required=False)

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {s.pk: s for s in subjects}
        self.fields["subject"].choices = _subject_choices(subjects)

    def refused_subject(self):
        """The subject chosen when it may not be mediated: the page offers its route."""
        raw = str(self.data.get("subject", "")) if self.is_bound else ""
        subject = self.subjects.get(int(raw)) if raw.isdigit() else None
        return subject if subject is not None and not subject.mediable else None

    def party_values(self) -> dict:
        data = self.cleaned_data
        return {
            "subject": self.subjects.get(data.get("subject")), "description": data.get("description", ""),
            "place": data.get("place", ""), "occurred_on": data.get("occurred_on"),
            "requester": {"full_name": data.get("requester_name", ""), "phone": data.get("requester_phone", ""),
                          "address": data.get("requester_address", "")},
            "other": {"full_name": data.get("other_name", ""), "phone": data.get("other_phone", ""),
                      "address": data.get("other_address", "")},
            "consent": bool(data.get("consent")),
        }


class CaseForm(_CaseFields):
    """A matter entered by the commune's Front (Art. 16)."""

    source = forms.ChoiceField(label=_("Started from"), choices=[
        c for c in Source.choices if c[0] not in (Source.PUBLIC, Source.TIP, Source.FORUM)])
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, required=False, empty_value=None,
                                  help_text=_("Leave empty to assign it later."))
    source_ref = forms.CharField(label=_("Reference (the proposing agency's letter…)"), max_length=40, required=False)
    field_order = ["source", "team", "subject", "description", "place", "occurred_on"]

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {t.pk: t for t in teams}
        self.fields["team"].choices = [("", "—"), *((t.pk, f"{t.name} ({t.unit.display_name})") for t in teams)]

    def service_values(self) -> dict:
        values = self.party_values()
        return {**values, "source": self.cleaned_data["source"], "team": self.teams.get(self.cleaned_data.get("team")),
                "source_ref": self.cleaned_data.get("source_ref", "")}


class RequestForm(_CaseFields):
    """The public request (Art. 16.1): no account; the person names both parties and agrees to the use of
    the details."""

    province = UnitField(label=_("Province or city"), queryset=AdminUnit.objects.none(), empty_label="—",
                         lookup=current_province)
    commune = UnitField(label=_("Commune or ward"), queryset=AdminUnit.objects.none(), empty_label="—",
                        lookup=current_commune)
    unit = UnitField(label=_("Residential area (village, quarter…)"), queryset=AdminUnit.objects.none(),
                     empty_label="—", required=False)
    field_order = ["subject", "description", "province", "commune", "unit", "place", "occurred_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = AdminUnit.objects.current().select_related("unit_type", "level")
        self.fields["province"].queryset = current.filter(level__code=geo.PROVINCE)
        province, commune = self.data.get("province"), self.data.get("commune")
        self.fields["commune"].queryset = current.filter(level__code=geo.COMMUNE, parent_id=province) \
            if str(province or "").isdigit() else current.none()
        self.fields["unit"].queryset = current.filter(level__code=geo.RESIDENTIAL_AREA, parent_id=commune) \
            if str(commune or "").isdigit() else current.none()
        for name in ("requester_name", "other_name"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        if data.get("commune") and data.get("province") and data["commune"].parent_id != data["province"].pk:
            self.add_error("commune", _("This commune is not in the province chosen."))
        return data

    def service_values(self) -> dict:
        return {**self.party_values(), "commune": self.cleaned_data.get("commune"),
                "unit": self.cleaned_data.get("unit")}


class AssignForm(forms.Form):
    mediators = forms.TypedMultipleChoiceField(label=_("Mediators"), coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {m.pk: m for m in mediators}
        self.fields["mediators"].choices = [(m.pk, f"{m.full_name} — {m.team.name}") for m in mediators]

    def chosen(self) -> list:
        return [self.by_pk[pk] for pk in self.cleaned_data["mediators"]]


class RecuseForm(forms.Form):
    assignment = forms.TypedChoiceField(label=_("Mediator who steps aside"), coerce=int)
    reason = forms.CharField(label=_("Why they step aside"), max_length=300,
                             help_text=_("A relative of a party, an interest in the matter…"))
    replacement = forms.TypedChoiceField(label=_("Replaced by"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, assignments, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = {a.pk: a for a in assignments if a.recused_at is None}
        self.by_pk = {m.pk: m for m in mediators}
        self.fields["assignment"].choices = [(a.pk, a.mediator.full_name) for a in self.assignments.values()]
        self.fields["replacement"].choices = [("", "—"), *((m.pk, m.full_name) for m in mediators)]


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT, initial=timezone.localdate)
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.CharField(label=_("Who took part"), widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 4}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("How it ended"), widget=forms.RadioSelect,
                                choices=[(c.value, c.label) for c in ENDINGS])
    ended_on = forms.DateField(label=_("On"), widget=DATE_INPUT, initial=timezone.localdate)
    terms = forms.CharField(label=_("What the parties agreed"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    due = forms.DateField(label=_("To be carried out by"), required=False, widget=DATE_INPUT)
    written = forms.BooleanField(label=_("The parties asked for a written agreement (Art. 24)"), required=False)
    next_step = forms.CharField(label=_("Where the parties were told they may go"), max_length=300, required=False,
                                help_text=_("With no agreement: the commune People's Committee, the court…"))
    reason = forms.CharField(label=_("Why it stopped"), max_length=300, required=False)


class FollowUpForm(forms.Form):
    compliance = forms.ChoiceField(label=_("The agreement"), widget=forms.RadioSelect, choices=[
        (Compliance.COMPLIED.value, Compliance.COMPLIED.label), (Compliance.BREACHED.value, Compliance.BREACHED.label)])
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DeclineForm(forms.Form):
    subject = forms.TypedChoiceField(label=_("It may not be mediated as"), coerce=int)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {s.pk: s for s in subjects if not s.mediable}
        self.fields["subject"].choices = [("", "—"), *((s.pk, f"{s} ({s.article})") for s in self.subjects.values())]


class RequesterFollowForm(forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=20)
    secret = forms.CharField(label=_("Secret"), max_length=40, widget=forms.PasswordInput(render_value=True))


# --- Disputes ---------------------------------------------------------------------------------------


class DisputeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DisputeKind.choices)
    subject = forms.TypedChoiceField(label=_("About"), coerce=int)
    title = forms.CharField(label=_("Short title"), max_length=200,
                            help_text=_("For example \"Tranh chấp lối đi hẻm 5\"."))
    unit = forms.TypedChoiceField(label=_("Residential area"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(label=_("What it is about"), widget=forms.Textarea(attrs={"rows": 4}))
    parties = forms.CharField(label=_("Who is involved"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Sealed; seen only on this page."))
    people_involved = forms.IntegerField(label=_("People involved"), min_value=1)
    gatherings = forms.IntegerField(label=_("Gatherings so far"), min_value=0, initial=0)
    began_on = forms.DateField(label=_("Began on"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, subjects, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {s.pk: s for s in subjects if s.mediable}
        self.areas = {a.pk: a for a in areas}
        self.fields["subject"].choices = [("", "—"), *((s.pk, str(s)) for s in self.subjects.values())]
        self.fields["unit"].choices = [("", "—"), *((a.pk, a.display_name) for a in areas)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["subject"] = self.subjects.get(data["subject"])
        data["unit"] = self.areas.get(data["unit"])
        return data


class DisputeUpdateForm(forms.Form):
    taken_on = forms.DateField(label=_("On"), widget=DATE_INPUT, initial=timezone.localdate)
    what = forms.CharField(label=_("Action taken"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("A meeting, a dialogue, an explanation of the law, a report up…"))
    people_involved = forms.IntegerField(label=_("People involved now"), min_value=1)
    gatherings = forms.IntegerField(label=_("Gatherings so far"), min_value=0)


class DisputeEscalateForm(forms.Form):
    state = forms.ChoiceField(label=_("Mark as"), widget=forms.RadioSelect, choices=[
        (DisputeState.RISK.value, DisputeState.RISK.label), (DisputeState.HOT_SPOT.value, DisputeState.HOT_SPOT.label)])
    reason = forms.CharField(label=_("Why"), max_length=300)


class DisputeResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Settled on"), widget=DATE_INPUT, initial=timezone.localdate)
    resolution = forms.CharField(label=_("How it was settled"), max_length=500,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    case = forms.TypedChoiceField(label=_("Settled by the mediation of"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {c.pk: c for c in cases}
        self.fields["case"].choices = [("", "—"), *((c.pk, f"{c.label} — {c.subject}") for c in cases)]


# --- Complex areas ----------------------------------------------------------------------------------


class ComplexAreaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("For example \"Khu vực chợ đêm và bến xe Tân Ninh\"."))
    areas = forms.TypedMultipleChoiceField(label=_("Residential areas"), coerce=int, required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("None ticked: the whole commune."))
    reasons = forms.CharField(label=_("Why it is complex"), widget=forms.Textarea(attrs={"rows": 3}))
    designated_on = forms.DateField(label=_("Designated on"), widget=DATE_INPUT)
    decision = forms.CharField(label=_("Decision"), max_length=100, help_text=_("For example \"25/QĐ-UBND\"."))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {a.pk: a for a in areas}
        self.fields["areas"].choices = [(a.pk, a.display_name) for a in areas]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["areas"] = [self.by_pk[pk] for pk in data["areas"]]
        return data


class MeasureForm(forms.Form):
    measure = forms.CharField(label=_("Measure"), max_length=500)
    owner = forms.CharField(label=_("Carried out by"), max_length=200,
                            help_text=_("An organisation or a person: \"Công an phường\", \"Đoàn Thanh niên\"…"))
    due = forms.DateField(label=_("Due"), widget=DATE_INPUT)


class MeasureDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE_INPUT, initial=timezone.localdate)


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE_INPUT, initial=timezone.localdate)
    progress = forms.ChoiceField(label=_("How it is going"), choices=Progress.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}))


class RemoveAreaForm(forms.Form):
    removed_on = forms.DateField(label=_("Taken off the list on"), widget=DATE_INPUT, initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=100)
    note = forms.CharField(label=_("Why it is taken off"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
