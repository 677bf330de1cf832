from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation.choices import Sex
from antq.mediation.models import MediationTeam, Mediator


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
