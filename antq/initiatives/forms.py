import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.dates import add_months
from antq.initiatives.choices import Grade, InitiativeKind, MemberRole, RemovalReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, required=True, initial=None):
    return forms.DateField(label=label, widget=DATE, required=required, initial=initial)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class InitiativeForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit that runs it"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("Owning organisation"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *InitiativeKind.choices])
    started_on = _date(_("Started on"))
    description = forms.CharField(label=_("Description"), required=False, max_length=10_000,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, units=None, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class SiteForm(forms.Form):
    unit = UnitChoiceField(label=_("Commune or residential area"), queryset=None)
    establishment = forms.ModelChoiceField(label=_("Agency, enterprise or school (if the site is one)"),
                                           queryset=None, required=False)
    name = forms.CharField(label=_("Name of the site"), max_length=300)
    started_on = _date(_("Started on"))

    def __init__(self, *args, units, establishments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["establishment"].queryset = establishments
        if not establishments.exists():
            del self.fields["establishment"]


class CloseForm(forms.Form):
    closed_on = _date(_("Closed on"))
    note = forms.CharField(label=_("Why it closed"), max_length=300)


def _parse_members(text: str) -> list[dict]:
    members = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, _sep, phone = line.partition(",")
        members.append({"full_name": name.strip(), "phone": phone.strip(), "role": MemberRole.MEMBER})
    return members


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name of the team"), max_length=300)
    site = forms.ModelChoiceField(label=_("Site"), queryset=None, required=False,
                                  empty_label=_("The model as a whole"))
    formed_on = _date(_("Formed on"))
    leader = forms.CharField(label=_("Leader's full name"), max_length=200)
    leader_phone = forms.CharField(label=_("Leader's phone"), max_length=20, required=False)
    members = forms.CharField(
        label=_("Other members"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: full name, then a comma and the phone number if there is one."))

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites

    def clean_leader_phone(self):
        phone = self.cleaned_data["leader_phone"].strip()
        if phone and not phone.replace(" ", "").lstrip("+").isdigit():
            raise ValidationError(_("A phone number has digits only."))
        return phone

    def member_list(self) -> list[dict]:
        data = self.cleaned_data
        leader = {"full_name": data["leader"], "phone": data["leader_phone"], "role": MemberRole.LEADER}
        return [leader, *_parse_members(data.get("members", ""))]


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role in the team"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    joined_on = _date(_("Joined on"))


class LeaveForm(forms.Form):
    left_on = _date(_("Left on"))


class DisbandForm(forms.Form):
    disbanded_on = _date(_("Disbanded on"))


class GradingForm(forms.Form):
    period_start = _date(_("Period from"))
    period_end = _date(_("Period to"))
    grade = forms.ChoiceField(label=_("Grade"), choices=[("", "—"), *Grade.choices])
    note = forms.CharField(label=_("Assessment"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Results, strengths and weaknesses; required for an ineffective model."))

    @staticmethod
    def next_period(initiative, interval_months: int) -> tuple[datetime.date, datetime.date]:
        """The period after the last one graded, `interval_months` long, not past today."""
        last = initiative.gradings.order_by("-period_end").values_list("period_end", flat=True).first()
        start = last + datetime.timedelta(days=1) if last else initiative.started_on
        end = min(add_months(start, interval_months) - datetime.timedelta(days=1), timezone.localdate())
        return start, max(start, end)


class RecognitionForm(forms.Form):
    recognised_on = _date(_("Recognised on"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    issued_by = forms.CharField(label=_("Issued by"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class RemovalForm(forms.Form):
    removed_on = _date(_("Removed on"))
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *RemovalReason.choices])
    note = forms.CharField(label=_("Explanation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ExemplaryUnitForm(forms.Form):
    unit = UnitChoiceField(label=_("Commune or ward"), queryset=None)
    recognised_on = _date(_("Recognised on"))
    valid_until = _date(_("Valid until"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    issued_by = forms.CharField(label=_("Issued by"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ExemplaryEndForm(forms.Form):
    ended_on = _date(_("Ended on"))
    note = forms.CharField(label=_("Why it ends"), max_length=300)
