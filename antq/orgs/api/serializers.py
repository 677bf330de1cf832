from rest_framework import serializers

from antq.core.api import ScopedPrimaryKeyField
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs import permissions as perms
from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User


class OrganisationSerializer(serializers.ModelSerializer):
    org_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "org_type", "unit", "address", "phone", "email", "is_active"]
        read_only_fields = fields


class OrganisationWriteSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    org_type = serializers.SlugRelatedField(slug_field="code",
                                            queryset=OrganisationType.objects.filter(is_active=True))
    name = serializers.CharField(max_length=200)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class OrganisationUpdateSerializer(OrganisationWriteSerializer):
    unit = None
    is_active = serializers.BooleanField(default=True)


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "phone", "home_unit", "is_active", "last_login"]
        read_only_fields = fields


class UserWriteSerializer(serializers.Serializer):
    home_unit = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
    username = serializers.RegexField(r"^[\w.@+-]+$", max_length=150)
    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    password = serializers.CharField(required=False, allow_blank=True, default="", write_only=True,
                                     style={"input_type": "password"})


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "organisation", "role", "scope", "granted_by", "granted_at", "revoked_at"]
        read_only_fields = fields


class RoleAssignmentWriteSerializer(serializers.Serializer):
    user = ScopedPrimaryKeyField(permission=perms.VIEW_USER, queryset=User.objects.all())
    organisation = ScopedPrimaryKeyField(permission=perms.VIEW_ORGANISATION, queryset=Organisation.objects.all())
    role = serializers.SlugRelatedField(slug_field="code", queryset=Role.objects.filter(is_active=True))
    scope = ScopedPrimaryKeyField(permission=geo_perms.VIEW_UNIT, queryset=AdminUnit.objects.current())
