from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from antq.geo import choices
from antq.geo.models import AdminUnit, UnitType


class AdminUnitSerializer(serializers.ModelSerializer):
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = AdminUnit
        fields = ["id", "code", "name", "display_name", "level", "unit_type", "parent", "path",
                  "valid_from", "valid_to", "successor"]
        read_only_fields = fields


class ResidentialAreaWriteSerializer(serializers.Serializer):
    commune = serializers.PrimaryKeyRelatedField(
        queryset=AdminUnit.objects.current().filter(level__code=choices.COMMUNE),
        help_text=_("The commune the area belongs to."),
    )
    name = serializers.CharField(max_length=200)
    unit_type = serializers.SlugRelatedField(
        slug_field="code", queryset=UnitType.objects.filter(level__code=choices.RESIDENTIAL_AREA)
    )


class ResidentialAreaUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    unit_type = serializers.SlugRelatedField(
        slug_field="code", queryset=UnitType.objects.filter(level__code=choices.RESIDENTIAL_AREA)
    )
