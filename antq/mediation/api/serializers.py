from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation.choices import ENDING_CHOICES, Compliance, DisputeKind, DisputeState, Progress, Sex, Source
from antq.mediation.models import (
    CaseMediator,
    ComplexArea,
    Dispute,
    MediationCase,
    MediationTeam,
    Mediator,
    Party,
    Subject,
    TransformationMeasure,
)


class MediationTeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = MediationTeam
        fields = ["id", "unit", "commune", "name", "minorities_live_here", "established_on", "dissolved_on"]
        read_only_fields = fields


class MediationTeamWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current(),
                                 help_text="The residential area.")
    name = serializers.CharField(max_length=200)
    minorities_live_here = serializers.BooleanField(required=False, default=False)
    established_on = serializers.DateField(required=False, allow_null=True, default=None)


class MediatorSerializer(serializers.ModelSerializer):
    """A mediator without contact details: none are kept."""

    class Meta:
        model = Mediator
        fields = ["id", "team", "full_name", "sex", "ethnicity", "ethnic_minority", "election_share",
                  "recognition_decision", "recognised_on", "is_leader", "trained", "term_start", "term_end"]
        read_only_fields = fields


class MediatorWriteSerializer(serializers.Serializer):
    team = ScopedPrimaryKeyField(permission=perms.VIEW_TEAM, queryset=MediationTeam.objects.current())
    full_name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(choices=Sex.choices)
    ethnicity = serializers.CharField(max_length=60, required=False, default="Kinh")
    ethnic_minority = serializers.BooleanField(required=False, default=False)
    election_share = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0,
                                              help_text="Share of household representatives, in %.")
    recognition_decision = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    recognised_on = serializers.DateField(required=False, allow_null=True, default=None)
    is_leader = serializers.BooleanField(required=False, default=False)
    trained = serializers.BooleanField(required=False, default=False)
    term_start = serializers.DateField()


# --- Cases ------------------------------------------------------------------------------------------


class CaseMediatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseMediator
        fields = ["id", "mediator", "assigned_at", "recused_at", "recusal_reason", "replaced_by"]
        read_only_fields = fields


class MediationCaseSerializer(serializers.ModelSerializer):
    """A matter without its parties (those come from `parties/`, for those allowed, on the record)."""

    subject = serializers.SlugRelatedField(slug_field="code", read_only=True)
    declined_subject = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignments = CaseMediatorSerializer(many=True, read_only=True)

    class Meta:
        model = MediationCase
        fields = ["id", "label", "commune", "unit", "team", "register_year", "register_number", "source",
                  "source_ref", "subject", "description", "place", "occurred_on", "received_at", "status",
                  "assigned_at", "start_due", "started_on", "ended_on", "declined_subject", "agreement_terms",
                  "agreement_due", "agreement_written", "next_step", "stop_reason", "compliance", "compliance_on",
                  "assignments"]
        read_only_fields = fields


class PartyDetailsSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    phone = serializers.CharField(max_length=20, allow_blank=True, required=False, default="")
    address = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "role", "full_name", "phone", "address", "consent"]
        read_only_fields = fields


class _MatterSerializer(serializers.Serializer):
    subject = serializers.SlugRelatedField(slug_field="code", queryset=Subject.objects.filter(is_active=True),
                                           help_text="A subject's code; one that may not be mediated is refused "
                                                     "with its article (Law 35/2013 Art. 3).")
    description = serializers.CharField(max_length=10_000)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    requester = PartyDetailsSerializer(required=False, default=dict)
    other = PartyDetailsSerializer(required=False, default=dict)
    consent = serializers.BooleanField(required=False, default=False,
                                       help_text="The parties agree their details are used to mediate.")


class MediationCaseWriteSerializer(_MatterSerializer):
    commune = ScopedPrimaryKeyField(permission=perms.VIEW_CASE, queryset=AdminUnit.objects.current())
    source = serializers.ChoiceField(choices=[c for c in Source.choices if c[0] not in (Source.PUBLIC, Source.TIP)])
    team = ScopedPrimaryKeyField(permission=perms.VIEW_TEAM, queryset=MediationTeam.objects.current(),
                                 required=False, allow_null=True, default=None)
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current(),
                                 required=False, allow_null=True, default=None, help_text="The residential area.")
    source_ref = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class MediationRequestSerializer(_MatterSerializer):
    """A request for mediation without an account (Art. 16.1): both parties named, consent given."""

    commune = serializers.PrimaryKeyRelatedField(queryset=AdminUnit.objects.current())
    unit = serializers.PrimaryKeyRelatedField(queryset=AdminUnit.objects.current(), required=False,
                                              allow_null=True, default=None, help_text="The residential area.")
    requester = PartyDetailsSerializer()
    other = PartyDetailsSerializer()


class MediationFollowSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(max_length=20)
    secret = serializers.CharField(max_length=40)


class MediationStatusSerializer(serializers.ModelSerializer):
    """What the person who asked may know: where it stands, never the other party's details."""

    subject = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True, default=None)
    declined_article = serializers.CharField(source="declined_subject.article", read_only=True, default=None)

    class Meta:
        model = MediationCase
        fields = ["receipt_code", "subject", "status", "status_label", "received_at", "team_name", "start_due",
                  "started_on", "ended_on", "agreement_due", "next_step", "declined_article"]
        read_only_fields = fields


class CaseAssignSerializer(serializers.Serializer):
    mediators = serializers.ListField(child=serializers.IntegerField(), min_length=1)


class CaseRecuseSerializer(serializers.Serializer):
    assignment = serializers.IntegerField()
    reason = serializers.CharField(max_length=300)
    replacement = serializers.IntegerField(required=False, allow_null=True, default=None)


class CaseSessionSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    participants = serializers.CharField()
    summary = serializers.CharField()


class CaseConcludeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ENDING_CHOICES)
    ended_on = serializers.DateField()
    terms = serializers.CharField(required=False, allow_blank=True, default="")
    due = serializers.DateField(required=False, allow_null=True, default=None)
    written = serializers.BooleanField(required=False, default=False)
    next_step = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CaseFollowUpSerializer(serializers.Serializer):
    compliance = serializers.ChoiceField(choices=[Compliance.COMPLIED.value, Compliance.BREACHED.value])
    checked_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CaseDeclineSerializer(serializers.Serializer):
    subject = serializers.SlugRelatedField(slug_field="code", queryset=Subject.objects.filter(mediable=False))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


# --- Disputes and complex areas -----------------------------------------------------------------------


class DisputeSerializer(serializers.ModelSerializer):
    """A dispute without who is involved (sealed; seen on its page)."""

    subject = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Dispute
        fields = ["id", "commune", "unit", "kind", "subject", "title", "people_involved", "gatherings", "began_on",
                  "owner", "state", "risk_on", "hot_spot_on", "resolved_on", "resolution", "case"]
        read_only_fields = fields


class DisputeWriteSerializer(serializers.Serializer):
    commune = ScopedPrimaryKeyField(permission=perms.VIEW_DISPUTE, queryset=AdminUnit.objects.current())
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current(),
                                 required=False, allow_null=True, default=None, help_text="The residential area.")
    kind = serializers.ChoiceField(choices=DisputeKind.choices)
    subject = serializers.SlugRelatedField(slug_field="code", queryset=Subject.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    parties = serializers.CharField(required=False, allow_blank=True, default="")
    people_involved = serializers.IntegerField(min_value=1)
    gatherings = serializers.IntegerField(min_value=0, required=False, default=0)
    began_on = serializers.DateField()


class DisputeUpdateSerializer(serializers.Serializer):
    people_involved = serializers.IntegerField(min_value=1)
    gatherings = serializers.IntegerField(min_value=0)
    what = serializers.CharField()
    taken_on = serializers.DateField(required=False, allow_null=True, default=None)


class DisputeEscalateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=[DisputeState.RISK.value, DisputeState.HOT_SPOT.value])
    reason = serializers.CharField(max_length=300)


class DisputeResolveSerializer(serializers.Serializer):
    resolved_on = serializers.DateField()
    resolution = serializers.CharField(max_length=500)
    case = serializers.IntegerField(required=False, allow_null=True, default=None,
                                    help_text="The mediation case that settled it, if any.")


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransformationMeasure
        fields = ["id", "measure", "owner", "due", "done_on"]
        read_only_fields = fields


class ComplexAreaSerializer(serializers.ModelSerializer):
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = ComplexArea
        fields = ["id", "commune", "areas", "name", "reasons", "designated_on", "designation_decision", "removed_on",
                  "removal_decision", "removal_note", "measures"]
        read_only_fields = fields


class ComplexAreaWriteSerializer(serializers.Serializer):
    commune = ScopedPrimaryKeyField(permission=perms.VIEW_DISPUTE, queryset=AdminUnit.objects.current())
    areas = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current(), many=True,
                                  required=False, default=list)
    name = serializers.CharField(max_length=200)
    reasons = serializers.CharField()
    designated_on = serializers.DateField()
    decision = serializers.CharField(max_length=100)


class MeasureWriteSerializer(serializers.Serializer):
    measure = serializers.CharField(max_length=500)
    owner = serializers.CharField(max_length=200)
    due = serializers.DateField()


class MeasureDoneSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    done_on = serializers.DateField()


class AssessmentWriteSerializer(serializers.Serializer):
    assessed_on = serializers.DateField()
    progress = serializers.ChoiceField(choices=Progress.choices)
    summary = serializers.CharField()


class AreaRemoveSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    decision = serializers.CharField(max_length=100)
    note = serializers.CharField(max_length=500)
