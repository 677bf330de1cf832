from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs import permissions as perms
from antq.orgs import services
from antq.orgs.api.serializers import (
    OrganisationSerializer,
    OrganisationUpdateSerializer,
    OrganisationWriteSerializer,
    RoleAssignmentSerializer,
    RoleAssignmentWriteSerializer,
    UserSerializer,
    UserWriteSerializer,
)
from antq.orgs.filtersets import OrganisationFilterSet, RoleAssignmentFilterSet, UserFilterSet
from antq.orgs.models import Organisation, RoleAssignment, User


class OrganisationViewSet(ScopedViewSetMixin, ServiceCreateMixin, mixins.UpdateModelMixin,
                          viewsets.ReadOnlyModelViewSet):
    base_queryset = Organisation.objects.select_related("org_type")
    view_permission = perms.VIEW_ORGANISATION
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    http_method_names = ["get", "post", "put", "head", "options"]

    write_serializer_class = OrganisationWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.organisation_create

    @extend_schema(request=OrganisationUpdateSerializer, responses=OrganisationSerializer)
    def update(self, request, *args, **kwargs):
        org = self.get_object()
        data = OrganisationUpdateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        org = services.organisation_update(actor=request.user, organisation=org, **data.validated_data)
        return Response(OrganisationSerializer(org).data)


class UserViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = User.objects.all()
    view_permission = perms.VIEW_USER
    serializer_class = UserSerializer
    filterset_class = UserFilterSet

    write_serializer_class = UserWriteSerializer
    scoped_fields = {"home_unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.user_create


class RoleAssignmentViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = RoleAssignment.objects.select_related("role")
    view_permission = perms.VIEW_USER
    serializer_class = RoleAssignmentSerializer
    filterset_class = RoleAssignmentFilterSet

    write_serializer_class = RoleAssignmentWriteSerializer
    scoped_fields = {"user": (User, perms.VIEW_USER), "organisation": (Organisation, perms.VIEW_ORGANISATION),
                     "scope": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.role_grant

    @extend_schema(request=None, responses=RoleAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        assignment = services.role_revoke(actor=request.user, assignment=self.get_object())
        return Response(RoleAssignmentSerializer(assignment).data)
