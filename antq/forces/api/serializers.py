from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.forces.choices import DisciplineForm, Education, Role
from antq.forces.models import Discipline, Member, SecurityTeam
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

    class Meta:
        model = Member
        fields = ["id", "full_name", "birth_date", "area", "education", "clean_record", "role", "state",
                  "proposed_on", "recognised_on", "decision_number", "left_on", "leave_reason", "disciplines"]
        read_only_fields = fields


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
