from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.initiatives import permissions as perms
from antq.initiatives.choices import Grade, InitiativeKind, MemberRole, RemovalReason
from antq.initiatives.models import ExemplaryUnit, Grading, Initiative, Recognition, Site, Team, TeamMember
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import Establishment, Organisation


class GradingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Grading
        fields = ["id", "period_start", "period_end", "grade", "note", "graded_on"]
        read_only_fields = fields


class RecognitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recognition
        fields = ["id", "recognised_on", "decision_number", "issued_by", "note", "ended_on", "end_note"]
        read_only_fields = fields


class InitiativeSerializer(serializers.ModelSerializer):
    gradings = GradingSerializer(many=True, read_only=True)
    recognitions = RecognitionSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = ["id", "name", "kind", "unit", "commune", "province", "organisation", "started_on", "description",
                  "status", "is_exemplary", "removed_on", "removal_reason", "removal_note", "gradings",
                  "recognitions"]
        read_only_fields = fields


class InitiativeWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    organisation = ScopedPrimaryKeyField(permission=orgs_perms.VIEW_ORGANISATION,
                                         queryset=Organisation.objects.filter(is_active=True))
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=InitiativeKind.choices)
    started_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


class SiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "initiative", "unit", "establishment", "commune", "province", "name", "started_on",
                  "closed_on", "close_note"]
        read_only_fields = fields


class SiteWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    establishment = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT,
                                          queryset=Establishment.objects.all(), required=False,
                                                       allow_null=True, default=None)
    name = serializers.CharField(max_length=300)
    started_on = serializers.DateField()


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["id", "full_name", "role", "phone", "joined_on", "left_on"]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "initiative", "site", "unit", "commune", "province", "name", "formed_on", "disbanded_on",
                  "members"]
        read_only_fields = fields


class MemberWriteSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False, default=MemberRole.MEMBER)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class TeamWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    formed_on = serializers.DateField()
    site = ScopedPrimaryKeyField(permission=perms.VIEW_INITIATIVE,
                                 queryset=Site.objects.all(), required=False, allow_null=True,
                                              default=None)
    members = MemberWriteSerializer(many=True, required=False, default=list)


class GradingWriteSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    grade = serializers.ChoiceField(choices=Grade.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RecognitionWriteSerializer(serializers.Serializer):
    recognised_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=50)
    issued_by = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RemovalSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=RemovalReason.choices)
    note = serializers.CharField(max_length=5000)


class ExemplaryUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExemplaryUnit
        fields = ["id", "unit", "province", "recognised_on", "valid_until", "decision_number", "issued_by", "note",
                  "ended_on", "end_note"]
        read_only_fields = fields


class ExemplaryUnitWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    recognised_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    decision_number = serializers.CharField(max_length=50)
    issued_by = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class CountLineSerializer(serializers.Serializer):
    models = serializers.IntegerField()
    exemplary = serializers.IntegerField()
    sites = serializers.IntegerField()
    teams = serializers.IntegerField()


class TotalSerializer(CountLineSerializer):
    members = serializers.IntegerField()


class ChildCountSerializer(CountLineSerializer):
    unit = serializers.IntegerField(source="unit.pk")
    name = serializers.CharField(source="unit.display_name")


class CountsSerializer(serializers.Serializer):
    on = serializers.DateField()
    total = TotalSerializer()
    by_kind = serializers.DictField(child=CountLineSerializer())
    children = ChildCountSerializer(many=True)
