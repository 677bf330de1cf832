import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.committees.choices import DEFAULT_COMMITTEE_NAME, Attendance, Group, Position
from antq.committees.models import CommitteeMember, SteeringCommittee
from antq.orgs.models import Organisation

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300, initial=DEFAULT_COMMITTEE_NAME)
    established_on = forms.DateField(label=_("Established on"), required=False, widget=DATE_INPUT)
    decision_number = forms.CharField(label=_("Founding decision"), max_length=100, required=False,
                                      help_text=_("For example \"125/QĐ-UBND\"."))


class CommitteeEditForm(CommitteeForm):
    working_rules = forms.FileField(label=_("Working rules (PDF)"), required=False)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("For example \"Phó Chủ tịch UBND xã\"."))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices, initial=Group.COMMITTEE)
    term_start = forms.DateField(label=_("Term start"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, committee: SteeringCommittee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (Organisation.objects.filter(unit=committee.unit, is_active=True)
                                                .select_related("org_type"))


class EndTermForm(forms.Form):
    term_end = forms.DateField(label=_("Term ended on"), widget=DATE_INPUT)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=CommitteeMember.objects.none(), required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    signed_minutes = forms.FileField(label=_("Signed minutes (PDF or image)"), required=False)

    def __init__(self, *args, committee: SteeringCommittee, members: list[CommitteeMember], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["chair"].queryset = CommitteeMember.objects.filter(pk__in=[m.pk for m in members])
        for member in members:
            self.fields[f"att_{member.pk}"] = forms.ChoiceField(
                label=member.full_name, choices=Attendance.choices, initial=Attendance.PRESENT, required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("Reason or representative"), max_length=300, required=False)
        for i in range(3):
            self.fields[f"decision_{i}"] = forms.CharField(
                label=_("Decision %(n)s") % {"n": i + 1}, required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"owner_{i}"] = forms.ModelChoiceField(
                label=_("Owner organisation"), required=False,
                queryset=Organisation.objects.filter(unit=committee.unit, is_active=True))
            self.fields[f"due_{i}"] = forms.DateField(label=_("Due on"), required=False, widget=DATE_INPUT)

    def attendance_rows(self):
        return [(m, self[f"att_{m.pk}"], self[f"note_{m.pk}"]) for m in self.members]

    def decision_rows(self):
        return [(self[f"decision_{i}"], self[f"owner_{i}"], self[f"due_{i}"]) for i in range(3)]

    def main_fields(self):
        return [self[name] for name in ("held_on", "place", "chair", "agenda", "minutes", "signed_minutes")]

    def clean(self):
        data = super().clean()
        for i in range(3):
            if (data.get(f"owner_{i}") or data.get(f"due_{i}")) and not data.get(f"decision_{i}"):
                self.add_error(f"decision_{i}", _("Write the decision, or clear its owner and due date."))
        return data


def year_choices(today: datetime.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year, today.year - 5, -1))
