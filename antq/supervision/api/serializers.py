from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.supervision.choices import Grade, NeedKind, ProposalKind, RollCall, SupportKind
from antq.supervision.models import (
    Assessment,
    Breach,
    Helper,
    Measure,
    MeasureType,
    Need,
    Person,
    Proposal,
    Support,
    Transfer,
    Visit,
)


class SupervisionAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = ["id", "month", "grade", "roll_call", "signed_on", "due"]
        read_only_fields = fields


class SupervisionBreachSerializer(serializers.ModelSerializer):
    """A breach's dates; what happened is sealed and stays on the file's page."""

    class Meta:
        model = Breach
        fields = ["id", "occurred_on", "warned_on"]
        read_only_fields = fields


class SupervisionProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proposal
        fields = ["id", "kind", "proposed_on", "breaches", "state", "decided_on", "decision", "new_end"]
        read_only_fields = fields


class SupervisionMeasureSerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assessments = SupervisionAssessmentSerializer(many=True, read_only=True)
    breaches = SupervisionBreachSerializer(many=True, read_only=True)
    proposals = SupervisionProposalSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "kind", "started_on", "ends_on", "intake_on", "plan_due", "plan_issued_on", "officer",
                  "state", "ended_on", "end_reason", "certificate_number", "assessments", "breaches", "proposals"]
        read_only_fields = fields


class SupervisionHelperSerializer(serializers.ModelSerializer):
    class Meta:
        model = Helper
        fields = ["id", "organisation", "user", "decision", "decided_on", "ended_on"]
        read_only_fields = fields


class SupervisionTransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = Transfer
        fields = ["id", "person", "from_commune", "to_commune", "to_unit", "reason", "state", "requested_at",
                  "decided_at", "note"]
        read_only_fields = fields


class SupervisionFileSerializer(serializers.ModelSerializer):
    """A file without who the person is: that is read through `identity/`, on the record."""

    measures = SupervisionMeasureSerializer(many=True, read_only=True)
    helpers = SupervisionHelperSerializer(many=True, read_only=True)
    transfers = SupervisionTransferSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "commune", "unit", "closed_on", "keep_until", "anonymised_at", "measures", "helpers",
                  "transfers"]
        read_only_fields = fields


class HelpedPersonSerializer(serializers.ModelSerializer):
    """A person as their helper sees them in a list: where, never the offence (the name through `identity/`)."""

    class Meta:
        model = Person
        fields = ["id", "commune", "unit"]
        read_only_fields = fields


class HelperIdentitySerializer(serializers.Serializer):
    full_name = serializers.CharField()
    address = serializers.CharField()


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "visited_on", "attitude", "wishes", "note"]
        read_only_fields = fields


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "kind", "detail", "noted_on", "met_on"]
        read_only_fields = fields


class SupportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Support
        fields = ["id", "need", "kind", "given_on", "provider", "amount", "outcome"]
        read_only_fields = fields


class ReintegrationSerializer(serializers.Serializer):
    visits = VisitSerializer(many=True)
    needs = NeedSerializer(many=True)
    supports = SupportSerializer(many=True)


class SupervisedIdentitySerializer(serializers.Serializer):
    full_name = serializers.CharField()
    birth_date = serializers.DateField()
    id_number = serializers.CharField()
    address = serializers.CharField()


class SupervisedPersonWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current(),
                                 help_text="The residential area where the person lives.")
    full_name = serializers.CharField(max_length=200)
    birth_date = serializers.DateField()
    id_number = serializers.CharField(max_length=20)
    address = serializers.CharField(max_length=300)
    kind = serializers.SlugRelatedField(slug_field="code", queryset=MeasureType.objects.filter(is_active=True))
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    started_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    intake_on = serializers.DateField()


class SupervisionPlanSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    officer = serializers.IntegerField()
    issued_on = serializers.DateField()


class SupervisionAssessmentWriteSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    month = serializers.DateField(help_text="Any day of the month assessed.")
    grade = serializers.ChoiceField(choices=Grade.choices)
    roll_call = serializers.ChoiceField(choices=RollCall.choices)
    signed_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BreachWriteSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    occurred_on = serializers.DateField()
    what = serializers.CharField(max_length=2000)
    warned_on = serializers.DateField(required=False, allow_null=True, default=None)


class BreachWarnSerializer(serializers.Serializer):
    breach = serializers.IntegerField()
    warned_on = serializers.DateField()


class ProposalWriteSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    proposed_on = serializers.DateField()
    grounds = serializers.CharField(max_length=2000)
    breaches = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ProposalDecisionSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    granted = serializers.BooleanField()
    decided_on = serializers.DateField()
    decision = serializers.CharField(max_length=200)
    new_end = serializers.DateField(required=False, allow_null=True, default=None)


class CompleteSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    ended_on = serializers.DateField()
    certificate_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class MoveSerializer(serializers.Serializer):
    to_unit = serializers.IntegerField(help_text="The residential area where the person now lives.")
    reason = serializers.CharField(max_length=300)


class MoveDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class HelperWriteSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False, allow_null=True, default=None)
    user = serializers.IntegerField(required=False, allow_null=True, default=None)
    decision = serializers.CharField(max_length=100)
    decided_on = serializers.DateField()


class HelperEndSerializer(serializers.Serializer):
    helper = serializers.IntegerField()
    ended_on = serializers.DateField()


class VisitWriteSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    attitude = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    wishes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class NeedWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NeedKind.choices)
    noted_on = serializers.DateField()
    detail = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class SupportWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupportKind.choices)
    given_on = serializers.DateField()
    provider = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=14, decimal_places=0, required=False, allow_null=True, default=None)
    outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    need = serializers.IntegerField(required=False, allow_null=True, default=None)
    need_met = serializers.BooleanField(required=False, default=False)


class FileOpenSerializer(serializers.Serializer):
    person = serializers.IntegerField(help_text="The file's number.")
    reason = serializers.CharField(max_length=1000)
    emergency = serializers.BooleanField(default=False, help_text="Break the glass: open now; the head is told.")


class AccessGrantAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    emergency = serializers.BooleanField()
    expires_at = serializers.DateTimeField(allow_null=True)
