from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
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
from antq.forces.models import (
    AllowancePayment,
    Assignment,
    Course,
    Discipline,
    Incident,
    Member,
    Participation,
    PrestigePerson,
    Rating,
    SecurityTeam,
    SelfManagedGroup,
    Shift,
    Task,
    TrainingPlan,
)
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit


class MemberDisciplineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Discipline
        fields = ["id", "form", "decided_on", "decision_number", "reason"]
        read_only_fields = fields


class TeamMemberSerializer(serializers.ModelSerializer):
    """A member without the ID number (sealed; it is on the commune police's page)."""

    disciplines = MemberDisciplineSerializer(many=True, read_only=True)
    equipment = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = ["id", "full_name", "birth_date", "area", "education", "clean_record", "healthy", "role", "state",
                  "proposed_on", "recognised_on", "decision_number", "left_on", "leave_reason", "disciplines",
                  "equipment"]
        read_only_fields = fields


    def get_equipment(self, member) -> list[dict]:
        return [{"id": e.pk, "item": e.item, "quantity": e.quantity, "issued_on": e.issued_on,
                 "returned_on": e.returned_on} for e in member.equipment.all()]


class SecurityTeamSerializer(serializers.ModelSerializer):
    members = TeamMemberSerializer(many=True, read_only=True)

    class Meta:
        model = SecurityTeam
        fields = ["id", "commune", "areas", "name", "decision_number", "decided_on", "dissolved_on", "members"]
        read_only_fields = fields


class SecurityTeamWriteSerializer(serializers.Serializer):
    commune = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    name = serializers.CharField(max_length=200)
    areas = serializers.ListField(child=serializers.IntegerField(), help_text="Residential areas of the commune.")
    decision_number = serializers.CharField(max_length=60)
    decided_on = serializers.DateField()


class TeamMemberWriteSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    birth_date = serializers.DateField()
    id_number = serializers.CharField(max_length=20)
    area = serializers.IntegerField(required=False, allow_null=True, default=None,
                                    help_text="The residential area of the commune where the person lives; "
                                              "null: outside the commune.")
    education = serializers.ChoiceField(choices=Education.choices)
    clean_record = serializers.BooleanField()
    healthy = serializers.BooleanField(default=True)
    role = serializers.ChoiceField(choices=Role.choices, default=Role.MEMBER)
    proposed_on = serializers.DateField(required=False, allow_null=True, default=None)


class MemberRecogniseSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    decision_number = serializers.CharField(max_length=60)
    recognised_on = serializers.DateField()


class MemberLeaveSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    left_on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class MemberDisciplineWriteSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    form = serializers.ChoiceField(choices=DisciplineForm.choices)
    decided_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=60)
    reason = serializers.CharField(max_length=300)


class ShiftAssignmentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "member", "member_name", "state", "answered_at", "decline_reason", "signed_on_at",
                  "signed_off_at", "seen", "done"]
        read_only_fields = fields


class ShiftSerializer(serializers.ModelSerializer):
    assignments = ShiftAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Shift
        fields = ["id", "team", "schedule", "kind", "title", "place", "starts_at", "ends_at", "cancelled_at",
                  "cancel_reason", "assignments"]
        read_only_fields = fields


class ScheduleWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ShiftKind.choices)
    title = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    weekdays = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=7),
                                     help_text="ISO weekdays, Monday 1 to Sunday 7.")
    start_time = serializers.TimeField()
    end_time = serializers.TimeField(help_text="At or before the start: the next morning.")
    first_day = serializers.DateField()
    last_day = serializers.DateField(required=False, allow_null=True, default=None)
    per_shift = serializers.IntegerField(min_value=1, max_value=50)
    members = serializers.ListField(child=serializers.IntegerField(), help_text="Recognised members of the team.")


class ShiftWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ShiftKind.choices)
    title = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    members = serializers.ListField(child=serializers.IntegerField(), help_text="Recognised members of the team.")


class ScheduleEndSerializer(serializers.Serializer):
    schedule = serializers.IntegerField()
    ended_on = serializers.DateField(help_text="The last day of the duty; shifts after it are cancelled.")


class ShiftAssignSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text="A recognised member of the shift's team.")


class ShiftCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AccountLinkSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    username = serializers.CharField(max_length=150)


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "team", "member", "kind", "description", "given_on", "due_on", "outcome", "outcome_note",
                  "closed_on"]
        read_only_fields = fields


class TaskWriteSerializer(serializers.Serializer):
    member = serializers.IntegerField(required=False, allow_null=True, default=None,
                                      help_text="A recognised member of the team; null: the whole team.")
    kind = serializers.ChoiceField(choices=TaskKind.choices)
    description = serializers.CharField(max_length=500)
    given_on = serializers.DateField()
    due_on = serializers.DateField()


class TaskCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=TaskOutcome.choices)
    outcome_note = serializers.CharField(max_length=500)
    closed_on = serializers.DateField()


class RatingSerializer(serializers.ModelSerializer):
    share_done = serializers.SerializerMethodField(help_text="Tasks done in %, exact to 4 decimals; null: none.")

    class Meta:
        model = Rating
        fields = ["id", "year", "commune", "team", "member", "tasks_done", "tasks_total", "share_done",
                  "disciplined", "draft_grade", "grade", "note", "state", "decision_number", "decided_on"]
        read_only_fields = fields

    def get_share_done(self, rating) -> str | None:
        from antq.forces.selectors import share_done

        share = share_done(rating.tasks_done, rating.tasks_total)
        return None if share is None else f"{share:.4f}"


class RatingsYearSerializer(serializers.Serializer):
    commune = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class RatingsDecideSerializer(RatingsYearSerializer):
    decision_number = serializers.CharField(max_length=60)
    decided_on = serializers.DateField()


class RatingReviewSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=Grade.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MyShiftSerializer(serializers.ModelSerializer):
    """A member's own assignment with its shift (nothing of the other members but their names)."""

    shift = ShiftSerializer(read_only=True)
    incidents = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "state", "answered_at", "decline_reason", "signed_on_at", "signed_off_at", "seen", "done",
                  "shift", "incidents"]
        read_only_fields = fields

    def get_incidents(self, assignment) -> list[dict]:
        return [{"id": i.pk, "kind": i.kind, "reported_at": i.reported_at, "reference": i.reference}
                for i in assignment.incidents.all()]


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class SignOffSerializer(serializers.Serializer):
    seen = serializers.CharField(max_length=4000)
    done = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class DutyIncidentWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    description = serializers.CharField(max_length=4000)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DutyIncidentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="assignment.member.full_name", read_only=True)
    shift = serializers.IntegerField(source="assignment.shift_id", read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "shift", "member_name", "kind", "description", "place", "reported_at", "sent_as",
                  "reference", "url"]
        read_only_fields = fields


class EquipmentWriteSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    item = serializers.CharField(max_length=200)
    quantity = serializers.IntegerField(min_value=1, max_value=100)
    issued_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class EquipmentReturnSerializer(serializers.Serializer):
    equipment = serializers.IntegerField()
    returned_on = serializers.DateField()


class CommuneField(ScopedPrimaryKeyField):
    def __init__(self, **kwargs):
        super().__init__(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current().select_related("level"),
                         **kwargs)


class TrainingPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingPlan
        fields = ["id", "commune", "year", "courses_planned", "content", "approved_on"]
        read_only_fields = fields


class TrainingPlanWriteSerializer(serializers.Serializer):
    commune = CommuneField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    courses_planned = serializers.IntegerField(min_value=0, max_value=100)
    content = serializers.CharField(max_length=4000)
    approved_on = serializers.DateField()


class CourseSerializer(serializers.ModelSerializer):
    results = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = ["id", "commune", "title", "content", "trainer", "place", "starts_on", "ends_on", "required",
                  "results"]
        read_only_fields = fields

    def get_results(self, course) -> dict[str, str]:
        return {str(a.member_id): a.result for a in course.attendances.all()}


class CourseWriteSerializer(serializers.Serializer):
    commune = CommuneField()
    title = serializers.CharField(max_length=200)
    content = serializers.CharField(max_length=4000)
    trainer = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    required = serializers.BooleanField(default=True)


class CourseResultsSerializer(serializers.Serializer):
    results = serializers.DictField(child=serializers.ChoiceField(choices=TrainingResult.choices),
                                    help_text="Member id → passed, failed or absent.")


class AllowancePaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = AllowancePayment
        fields = ["id", "member", "commune", "month", "amount", "insurance_amount", "paid_on"]
        read_only_fields = fields


class AllowancePaySerializer(serializers.Serializer):
    commune = CommuneField()
    month = serializers.DateField(help_text="Any day of the month paid.")
    paid_on = serializers.DateField()


class SelfManagedGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = SelfManagedGroup
        fields = ["id", "commune", "area", "name", "leader_name", "households", "set_up_on", "ended_on"]
        read_only_fields = fields


class SelfManagedGroupWriteSerializer(serializers.Serializer):
    commune = CommuneField()
    area = CommuneField(help_text="A residential area of the commune.")
    name = serializers.CharField(max_length=200)
    leader_name = serializers.CharField(max_length=200)
    households = serializers.IntegerField(min_value=1, max_value=10000)
    set_up_on = serializers.DateField()


class ParticipationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "kind", "on", "note"]
        read_only_fields = fields


class PrestigePersonSerializer(serializers.ModelSerializer):
    """A person of prestige without the phone (sealed: on the Front's page)."""

    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = PrestigePerson
        fields = ["id", "commune", "area", "full_name", "kind", "introduced_on", "groups", "ended_on",
                  "participations"]
        read_only_fields = fields


class PrestigePersonWriteSerializer(serializers.Serializer):
    commune = CommuneField()
    area = CommuneField(help_text="A residential area of the commune.")
    full_name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=PrestigeKind.choices)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    introduced_on = serializers.DateField()
    groups = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ParticipationWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ParticipationKind.choices)
    on = serializers.DateField()
    note = serializers.CharField(max_length=300)
