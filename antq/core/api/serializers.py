from rest_framework import serializers

from antq.core.models import CalendarDay, TimeUnit


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
