from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.evaluations.choices import ESTABLISHMENT_KIND_CHOICES, IncidentKind, SizeClass, UnitKind
from antq.evaluations.models import CriterionResult, Evaluation, Incident
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs.models import Establishment


class EstablishmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Establishment
        fields = ["id", "kind", "name", "commune", "size_class", "tax_code", "address", "has_party_organisation",
                  "is_exempt", "closed_on"]
        read_only_fields = fields


class EstablishmentWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ESTABLISHMENT_KIND_CHOICES)
    name = serializers.CharField(max_length=300)
    commune = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    size_class = serializers.ChoiceField(choices=SizeClass.choices, required=False, allow_blank=True, default="")
    tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    has_party_organisation = serializers.BooleanField(required=False, default=False)


class CriterionResultSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="criterion.code", read_only=True)
    text = serializers.CharField(source="criterion.text", read_only=True)
    judgement = serializers.CharField(source="criterion.judgement", read_only=True)

    class Meta:
        model = CriterionResult
        fields = ["id", "code", "text", "judgement", "met", "value", "note", "auto_passed", "auto_facts",
                  "exception_reason"]
        read_only_fields = fields


class EvaluationSerializer(serializers.ModelSerializer):
    results = CriterionResultSerializer(many=True, read_only=True)

    class Meta:
        model = Evaluation
        fields = ["id", "year", "kind", "unit", "establishment", "commune", "province", "period_start", "period_end",
                  "status", "registered_on", "households", "households_registered", "assessed_on", "review_held_on",
                  "review_chair", "votes_for", "votes_against", "proposal_number", "proposed_on", "decided_on",
                  "decision_number", "refusal_reason", "results"]
        read_only_fields = fields


class RegistrationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    registered_on = serializers.DateField()
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT,
                                 queryset=AdminUnit.objects.current(), required=False, allow_null=True,
                                              default=None)
    establishment = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT,
                                          queryset=Establishment.objects.all(), required=False,
                                                       allow_null=True, default=None)
    households = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    households_registered = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)


class AnswerSerializer(serializers.Serializer):
    result = serializers.IntegerField(help_text="The id of a criterion result of this evaluation.")
    met = serializers.BooleanField(required=False, allow_null=True, default=None)
    value = serializers.DecimalField(max_digits=9, decimal_places=2, required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AssessmentSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)


class ReviewSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    chair = serializers.CharField(max_length=200)
    participants = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")
    votes_for = serializers.IntegerField(min_value=0, max_value=10_000)
    votes_against = serializers.IntegerField(min_value=0, max_value=10_000)


class ProposalSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    proposed_on = serializers.DateField()


class DecisionSerializer(serializers.Serializer):
    recognise = serializers.BooleanField()
    decided_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = ["id", "unit", "establishment", "kind", "occurred_on", "description", "detected_promptly",
                  "force_majeure", "recorded_at"]
        read_only_fields = fields


class IncidentWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    establishment = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT,
                                          queryset=Establishment.objects.all(), required=False,
                                                       allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    occurred_on = serializers.DateField()
    description = serializers.CharField(max_length=5000)
    detected_promptly = serializers.BooleanField(required=False, default=False)
    force_majeure = serializers.BooleanField(required=False, default=False)


class ShareLineSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    registered = serializers.IntegerField()
    recognised = serializers.IntegerField()
    refused = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class ChildShareSerializer(ShareLineSerializer):
    unit = serializers.IntegerField(source="unit.pk")
    name = serializers.CharField(source="unit.display_name")


class SummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    meets_target = serializers.BooleanField()
    total = ShareLineSerializer()
    by_kind = serializers.DictField(child=ShareLineSerializer())
    children = ChildShareSerializer(many=True)
