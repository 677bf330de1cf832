from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.supervision.choices import Grade, RollCall
from antq.supervision.models import Assessment, Measure, MeasureType, Person


class SupervisionAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = ["id", "month", "grade", "roll_call", "signed_on", "due"]
        read_only_fields = fields


class SupervisionMeasureSerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assessments = SupervisionAssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "kind", "started_on", "ends_on", "intake_on", "plan_due", "plan_issued_on", "officer",
                  "state", "assessments"]
        read_only_fields = fields


class SupervisionFileSerializer(serializers.ModelSerializer):
    """A file without who the person is: that is read through `identity/`, on the record."""

    measures = SupervisionMeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "commune", "unit", "measures"]
        read_only_fields = fields


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
