import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.forces.choices import (
    DisciplineForm,
    Education,
    Grade,
    IncidentKind,
    ParticipationKind,
    PrestigeKind,
    Role,
    ShiftKind,
    TaskKind,
    TaskOutcome,
    TrainingResult,
)


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
    healthy = forms.TypedChoiceField(label=_("Health"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                     initial="yes", choices=[("yes", _("Healthy enough for the duties")),
                                                             ("no", _("Not healthy enough"))])
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


TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = [(1, _("Monday")), (2, _("Tuesday")), (3, _("Wednesday")), (4, _("Thursday")), (5, _("Friday")),
            (6, _("Saturday")), (7, _("Sunday"))]


class _MembersForm(forms.Form):
    """A form choosing some of the team's recognised members (as checkboxes)."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {m.pk: m for m in members}
        self.fields["members"].choices = [(m.pk, m.full_name) for m in members]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["members"] = [self.by_pk[pk] for pk in data["members"]]
        return data


class ScheduleForm(_MembersForm):
    prefix = "schedule"
    kind = forms.ChoiceField(label=_("Kind"), choices=ShiftKind.choices, initial=ShiftKind.NIGHT_PATROL)
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Night patrol"))
    place = forms.CharField(label=_("Place or route"), max_length=300, required=False)
    weekdays = forms.TypedMultipleChoiceField(label=_("Weekdays"), coerce=int, choices=WEEKDAYS,
                                              widget=forms.CheckboxSelectMultiple(attrs={"class": "antq-inline"}))
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_INPUT, initial=datetime.time(22))
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_INPUT, initial=datetime.time(2),
                               help_text=_("An end at or before the start is the next morning."))
    first_day = forms.DateField(label=_("From"), widget=DATE_INPUT, initial=timezone.localdate)
    last_day = forms.DateField(label=_("Until"), widget=DATE_INPUT, required=False,
                               help_text=_("Empty: until the schedule is ended."))
    per_shift = forms.IntegerField(label=_("Members per shift"), min_value=1, max_value=50, initial=2)
    members = forms.TypedMultipleChoiceField(label=_("Members taking turns"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)


class ShiftForm(_MembersForm):
    prefix = "shift"
    kind = forms.ChoiceField(label=_("Kind"), choices=ShiftKind.choices, initial=ShiftKind.EVENT)
    title = forms.CharField(label=_("Title"), max_length=200)
    place = forms.CharField(label=_("Place or route"), max_length=300, required=False)
    day = forms.DateField(label=_("Day"), widget=DATE_INPUT, initial=timezone.localdate)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_INPUT,
                               help_text=_("An end at or before the start is the next morning."))
    members = forms.TypedMultipleChoiceField(label=_("Members on duty"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)

    def service_values(self) -> dict:
        data = super().service_values()
        day, start, end = data.pop("day"), data.pop("start_time"), data.pop("end_time")
        data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
        data["ends_at"] = timezone.make_aware(datetime.datetime.combine(
            day + datetime.timedelta(days=1) if end <= start else day, end))
        return data


class ScheduleEndForm(forms.Form):
    prefix = "end"
    ended_on = forms.DateField(label=_("Last day of the duty"), widget=DATE_INPUT, initial=timezone.localdate)


class AddMemberForm(forms.Form):
    prefix = "add"
    member = forms.TypedChoiceField(label=_("Add a member"), coerce=int)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {m.pk: m for m in members}
        self.fields["member"].choices = [("", "—"), *((m.pk, m.full_name) for m in members)]

    def service_values(self) -> dict:
        return {"member": self.by_pk[self.cleaned_data["member"]]}


class CancelForm(forms.Form):
    prefix = "cancel"
    reason = forms.CharField(label=_("Why cancelled"), max_length=300)


class AccountForm(forms.Form):
    prefix = "account"
    username = forms.CharField(label=_("The member's username"), max_length=150,
                               help_text=_("The account needs the team member's role in the commune."))


class DeclineForm(forms.Form):
    prefix = "decline"
    reason = forms.CharField(label=_("Why you cannot come"), max_length=300)


class SignOffForm(forms.Form):
    prefix = "off"
    seen = forms.CharField(label=_("What you saw"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.CharField(label=_("What you did"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class IncidentForm(forms.Form):
    prefix = "incident"
    kind = forms.ChoiceField(label=_("What is it"), choices=IncidentKind.choices, widget=forms.RadioSelect,
                             initial=IncidentKind.TIP)
    description = forms.CharField(label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label=_("Where"), max_length=300, required=False)


class TaskForm(forms.Form):
    prefix = "task"
    member = forms.TypedChoiceField(label=_("Given to"), coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices)
    description = forms.CharField(label=_("Task"), max_length=500)
    given_on = forms.DateField(label=_("Given on"), widget=DATE_INPUT, initial=timezone.localdate)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {m.pk: m for m in members}
        self.fields["member"].choices = [("", _("The whole team")), *((m.pk, m.full_name) for m in members)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["member"] = self.by_pk.get(data["member"]) if data["member"] else None
        return data


class TaskCloseForm(forms.Form):
    prefix = "close"
    outcome = forms.ChoiceField(label=_("Outcome"), choices=TaskOutcome.choices, widget=forms.RadioSelect)
    outcome_note = forms.CharField(label=_("What came of it"), max_length=500)
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE_INPUT, initial=timezone.localdate)


class RatingReviewForm(forms.Form):
    prefix = "review"
    grade = forms.ChoiceField(label=_("Rating"), choices=[("", "—"), *Grade.choices])
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           help_text=_("Needed for a rating below what the records allow."))


class RatingsDecideForm(forms.Form):
    prefix = "decide"
    decision_number = forms.CharField(label=_("Decision of the commune chairman"), max_length=60)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT, initial=timezone.localdate)


class PlanForm(forms.Form):
    prefix = "plan"
    year = forms.IntegerField(label=_("Year"), initial=lambda: timezone.localdate().year)
    courses_planned = forms.IntegerField(label=_("Courses planned"), min_value=0, max_value=100)
    content = forms.CharField(label=_("What the plan covers"), widget=forms.Textarea(attrs={"rows": 3}))
    approved_on = forms.DateField(label=_("Approved on"), widget=DATE_INPUT, initial=timezone.localdate)


class CourseForm(forms.Form):
    prefix = "course"
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    trainer = forms.CharField(label=_("Trainer"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("To"), widget=DATE_INPUT)
    required = forms.BooleanField(label=_("Required training (counts as each member's training)"), required=False,
                                  initial=True)


class AttendanceForm(forms.Form):
    """One choice per recognised member of the commune: passed, did not pass, absent, or not recorded."""

    prefix = "attendance"

    def __init__(self, *args, members, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        for member in members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=f"{member.full_name} ({member.team.name})", required=False,
                choices=[("", "—"), *TrainingResult.choices], initial=current.get(member.pk, ""))

    def service_values(self) -> dict:
        return {"results": {self.members[int(name[1:])]: value for name, value in self.cleaned_data.items()
                            if value}}


class PayForm(forms.Form):
    prefix = "pay"
    month = forms.DateField(label=_("Month paid (any day of it)"), widget=DATE_INPUT)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_INPUT, initial=timezone.localdate)


class EquipmentForm(forms.Form):
    prefix = "equipment"
    member = forms.TypedChoiceField(label=_("Team member"), coerce=int)
    item = forms.CharField(label=_("Item"), max_length=200, help_text=_("For example \"Đèn pin\", \"Áo mưa\"."))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100, initial=1)
    issued_on = forms.DateField(label=_("Handed over on"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {m.pk: m for m in members}
        self.fields["member"].choices = [("", "—"), *((m.pk, f"{m.full_name} ({m.team.name})") for m in members)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["member"] = self.by_pk[data["member"]]
        return data


class ReturnForm(forms.Form):
    prefix = "return"
    returned_on = forms.DateField(label=_("Returned on"), widget=DATE_INPUT, initial=timezone.localdate)


class _AreaForm(forms.Form):
    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {a.pk: a for a in areas}
        self.fields["area"].choices = [("", "—"), *((a.pk, a.display_name) for a in areas)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["area"] = self.areas.get(data["area"])
        return data


class GroupForm(_AreaForm):
    prefix = "group"
    area = forms.TypedChoiceField(label=_("Residential area"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example \"Tổ tự quản số 3\"."))
    leader_name = forms.CharField(label=_("Group leader"), max_length=200)
    households = forms.IntegerField(label=_("Households"), min_value=1, max_value=10000)
    set_up_on = forms.DateField(label=_("Set up on"), widget=DATE_INPUT)


class PrestigeForm(_AreaForm):
    prefix = "prestige"
    area = forms.TypedChoiceField(label=_("Residential area"), coerce=int)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    kind = forms.ChoiceField(label=_("Standing"), choices=[("", "—"), *PrestigeKind.choices])
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    introduced_on = forms.DateField(label=_("Introduced by the Front on"), widget=DATE_INPUT,
                                    initial=timezone.localdate)
    groups = forms.TypedMultipleChoiceField(label=_("Self-managed groups"), coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {g.pk: g for g in groups}
        self.fields["groups"].choices = [(g.pk, f"{g.name} ({g.area.name})") for g in groups]

    def service_values(self) -> dict:
        data = super().service_values()
        data["groups"] = [self.groups[pk] for pk in data["groups"]]
        return data


class ParticipationForm(forms.Form):
    prefix = "took_part"
    kind = forms.ChoiceField(label=_("What"), choices=ParticipationKind.choices)
    on = forms.DateField(label=_("On"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300)
