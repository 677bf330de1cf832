from rest_framework import serializers

from antq.committees import permissions as perms
from antq.committees.choices import Attendance, Group, Position
from antq.committees.models import CommitteeMember, Meeting, MeetingAttendance, MeetingDecision, SteeringCommittee
from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import Organisation


class SteeringCommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SteeringCommittee
        fields = ["id", "unit", "name", "established_on", "decision_number", "dissolved_on"]
        read_only_fields = fields


class SteeringCommitteeWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    name = serializers.CharField(max_length=300)
    established_on = serializers.DateField(required=False, allow_null=True, default=None)
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class CommitteeMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = ["id", "committee", "full_name", "title", "organisation", "position", "group", "term_start",
                  "term_end"]
        read_only_fields = fields


class CommitteeMemberWriteSerializer(serializers.Serializer):
    committee = ScopedPrimaryKeyField(permission=perms.VIEW_COMMITTEE, queryset=SteeringCommittee.objects.active())
    full_name = serializers.CharField(max_length=200)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisation = ScopedPrimaryKeyField(permission=orgs_perms.VIEW_ORGANISATION,
                                         queryset=Organisation.objects.filter(is_active=True))
    position = serializers.ChoiceField(choices=Position.choices)
    group = serializers.ChoiceField(choices=Group.choices, default=Group.COMMITTEE)
    term_start = serializers.DateField(required=False, allow_null=True, default=None)


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingAttendance
        fields = ["member", "status", "note"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingDecision
        fields = ["id", "text", "owner", "due_on", "done_on"]
        read_only_fields = ["id", "done_on"]


class MeetingSerializer(serializers.ModelSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    has_signed_minutes = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "committee", "held_on", "place", "chair", "agenda", "minutes", "has_signed_minutes",
                  "attendance", "decisions", "recorded_at"]
        read_only_fields = fields

    def get_has_signed_minutes(self, meeting) -> bool:
        return bool(meeting.signed_minutes)


class MinutesUploadSerializer(serializers.Serializer):
    signed_minutes = serializers.FileField(help_text="PDF, JPEG or PNG; checked by content.")


class AttendanceWriteSerializer(serializers.Serializer):
    member = ScopedPrimaryKeyField(permission=perms.VIEW_COMMITTEE, queryset=CommitteeMember.objects.all())
    status = serializers.ChoiceField(choices=Attendance.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DecisionWriteSerializer(serializers.Serializer):
    text = serializers.CharField()
    owner = ScopedPrimaryKeyField(permission=orgs_perms.VIEW_ORGANISATION,
                                  queryset=Organisation.objects.all(), required=False, allow_null=True,
                                               default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class MeetingWriteSerializer(serializers.Serializer):
    committee = ScopedPrimaryKeyField(permission=perms.VIEW_COMMITTEE, queryset=SteeringCommittee.objects.active())
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    chair = ScopedPrimaryKeyField(permission=perms.VIEW_COMMITTEE,
                                  queryset=CommitteeMember.objects.all(), required=False,
                                               allow_null=True, default=None)
    agenda = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")
    attendance = AttendanceWriteSerializer(many=True, required=False, default=list)
    decisions = DecisionWriteSerializer(many=True, required=False, default=list)
