from rest_framework import serializers

from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation
from antq.programs.choices import AssignmentStatus, ProgramKind, Recurrence
from antq.programs.models import Assignment, Program, ReviewMilestone


class ReviewMilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewMilestone
        fields = ["kind", "year", "due_on", "done_on"]


class ProgramSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    content_items = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")
    milestones = ReviewMilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = ["id", "unit", "kind", "number", "code", "reference", "issued_on", "title", "start_year", "end_year",
                  "parent", "issuers", "objectives", "status", "content_items", "milestones"]
        read_only_fields = fields


class ProgramWriteSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=AdminUnit.objects.current())
    kind = serializers.ChoiceField(choices=ProgramKind.choices, default=ProgramKind.PROGRAM)
    number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    code = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=500)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(min_value=2000, max_value=2100)
    parent = serializers.PrimaryKeyRelatedField(queryset=Program.objects.all(), required=False, allow_null=True,
                                                default=None)
    issuers = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), many=True, required=False,
                                                 default=list)
    objectives = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "program", "organisation", "task", "due_on", "recurrence", "status", "progress", "done_on",
                  "is_overdue"]
        read_only_fields = fields


class AssignmentWriteSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    task = serializers.CharField()
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, default=Recurrence.ONCE)


class AssignmentReportSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    progress = serializers.CharField(required=False, allow_blank=True, default="")
