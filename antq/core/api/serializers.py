from rest_framework import serializers

from antq.core.models import AccessGrant, CalendarDay, TimeUnit


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "day", "working", "name", "source"]


class CalendarDayWriteSerializer(serializers.Serializer):
    day = serializers.DateField()
    working = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=200)
    source = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class LimitVersionSerializer(serializers.Serializer):
    valid_from = serializers.DateField(allow_null=True, help_text="None: the shipped default, in force from the start.")
    amount = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=TimeUnit.choices)
    source = serializers.CharField()
    unconfirmed = serializers.BooleanField()


class TimeLimitSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    units = serializers.ListField(child=serializers.ChoiceField(choices=TimeUnit.choices),
                                  help_text="The units this limit may be counted in.")
    in_force = LimitVersionSerializer(help_text="The limit in force today.")
    versions = LimitVersionSerializer(many=True, help_text="Every dated version, newest first.")


class TimeLimitWriteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=60)
    valid_from = serializers.DateField()
    amount = serializers.IntegerField(min_value=1, max_value=1000)
    unit = serializers.ChoiceField(choices=TimeUnit.choices)
    source = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    unconfirmed = serializers.BooleanField(default=False)


class RuleTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    what = serializers.CharField()
    source = serializers.CharField()
    unconfirmed = serializers.BooleanField()
    dated = serializers.BooleanField(help_text="A change is a new row from `valid_from`; the row before ends.")
    fields = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.DictField(), required=False,
                                 help_text="With the table alone: each row's id, fields (ids for relations), dates.")


class RuleRowWriteSerializer(serializers.Serializer):
    values = serializers.DictField(help_text="The table's fields: ids for relations, codes for choices.")
    valid_from = serializers.DateField(required=False, help_text="Dated tables: the day the change takes effect.")
    replaces = serializers.IntegerField(required=False, help_text="The id of the row this changes, if any.")


class AccessGrantSerializer(serializers.ModelSerializer):
    requested_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = AccessGrant
        fields = ["id", "purpose", "object_type", "object_id", "object_repr", "requested_by", "reason",
                  "requested_at", "status", "decided_by", "decided_at", "decision_note", "expires_at"]


class AccessRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Why the officer needs it; the approver reads it.")


class AccessApproveSerializer(serializers.Serializer):
    hours = serializers.IntegerField(min_value=1, max_value=1000, required=False,
                                     help_text="How long it stays open; at most the rule in force (the default).")
    note = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class AccessRefuseSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000, help_text="Why it is refused; the officer reads it.")
