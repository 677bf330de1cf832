from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import Organisation
from antq.programs import permissions as perms
from antq.programs.choices import AssignmentStatus, ProgramKind, Recurrence
from antq.programs.models import (
    Assignment,
    Directive,
    DirectiveReply,
    InspectionPlan,
    InspectionVisit,
    Program,
    Report,
    ReportDeadline,
    ReportForm,
    ReportIndicator,
    ReviewMilestone,
)


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
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    kind = serializers.ChoiceField(choices=ProgramKind.choices, default=ProgramKind.PROGRAM)
    number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    code = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=500)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(min_value=2000, max_value=2100)
    parent = ScopedPrimaryKeyField(permission=perms.VIEW_PROGRAM,
                                   queryset=Program.objects.all(), required=False, allow_null=True,
                                                default=None)
    issuers = ScopedPrimaryKeyField(permission=orgs_perms.VIEW_ORGANISATION,
                                    queryset=Organisation.objects.all(), many=True, required=False,
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
    program = ScopedPrimaryKeyField(permission=perms.VIEW_PROGRAM, queryset=Program.objects.all())
    organisation = ScopedPrimaryKeyField(permission=orgs_perms.VIEW_ORGANISATION,
                                         queryset=Organisation.objects.filter(is_active=True))
    task = serializers.CharField()
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, default=Recurrence.ONCE)


class AssignmentReportSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    progress = serializers.CharField(required=False, allow_blank=True, default="")


class ReportIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportIndicator
        fields = ["code", "section", "section_en", "label", "label_en", "kind", "aggregate", "unit_label",
                  "unit_label_en"]


class ReportDeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportDeadline
        fields = ["amount", "unit", "valid_from", "valid_to", "source"]


class ReportFormSerializer(serializers.ModelSerializer):
    indicators = ReportIndicatorSerializer(many=True, read_only=True)
    deadlines = ReportDeadlineSerializer(
        many=True, read_only=True, help_text="Every dated version: a period takes the one in force on its last day.")
    submitting_levels = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = ReportForm
        fields = ["code", "name", "period_type", "deadlines", "submitting_levels", "indicators"]


class ReportSerializer(serializers.ModelSerializer):
    form = serializers.SlugRelatedField(slug_field="code", read_only=True)
    values = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "form", "unit", "period_start", "period_end", "version", "status", "is_current",
                  "submitted_at", "first_submitted_at", "returned_reason", "values"]
        read_only_fields = fields

    def get_values(self, report) -> dict[str, str]:
        return {v.indicator.code: (str(v.number) if v.number is not None else v.text) for v in report.values.all()}


class ReportWriteSerializer(serializers.Serializer):
    form = serializers.SlugRelatedField(slug_field="code", queryset=ReportForm.objects.filter(is_active=True))
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    period_start = serializers.DateField(help_text="Any day of the period.")
    values = serializers.DictField(child=serializers.CharField(allow_blank=True), default=dict)


class ReportReturnSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RollupRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField(help_text="The label in English, blank where none was entered.")
    aggregate = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    reports = serializers.IntegerField()


class RollupSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    period_start = serializers.DateField()
    completeness = serializers.FloatField(allow_null=True)
    timeliness = serializers.FloatField(allow_null=True)
    expected = serializers.IntegerField()
    received = serializers.IntegerField()
    on_time = serializers.IntegerField()
    indicators = RollupRowSerializer(many=True)


class DirectiveReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = DirectiveReply
        fields = ["unit", "text", "replied_at"]
        read_only_fields = fields


class DirectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Directive
        fields = ["id", "unit", "number", "title", "body", "issued_on", "reply_by"]
        read_only_fields = fields


class DirectiveWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=500)
    body = serializers.CharField()
    reply_by = serializers.DateField()


class DirectiveReplyWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    text = serializers.CharField()


class InspectionVisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionVisit
        fields = ["id", "plan", "unit", "scheduled_on", "visited_on", "findings", "recommendations", "follow_up",
                  "follow_up_note"]
        read_only_fields = fields


class InspectionPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionPlan
        fields = ["id", "unit", "title", "year", "starts_on", "ends_on", "team"]
        read_only_fields = fields
