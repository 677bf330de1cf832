from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, require_visible
from antq.geo.models import AdminUnit
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


class OrganisationViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.ReadOnlyModelViewSet):
    base_queryset = Organisation.objects.select_related("org_type")
    view_permission = "orgs.view_organisation"
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    http_method_names = ["get", "post", "put", "head", "options"]

    @extend_schema(request=OrganisationWriteSerializer, responses={201: OrganisationSerializer})
    def create(self, request, *args, **kwargs):
        data = OrganisationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_visible(AdminUnit, request.user, "geo.view_unit", data.validated_data["unit"])
        org = services.organisation_create(actor=request.user, **data.validated_data)
        return Response(OrganisationSerializer(org).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OrganisationUpdateSerializer, responses=OrganisationSerializer)
    def update(self, request, *args, **kwargs):
        org = self.get_object()
        data = OrganisationUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        org = services.organisation_update(actor=request.user, organisation=org, **data.validated_data)
        return Response(OrganisationSerializer(org).data)


class UserViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = User.objects.all()
    view_permission = "orgs.view_user"
    serializer_class = UserSerializer
    filterset_class = UserFilterSet

    @extend_schema(request=UserWriteSerializer, responses={201: UserSerializer})
    def create(self, request, *args, **kwargs):
        data = UserWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_visible(AdminUnit, request.user, "geo.view_unit", data.validated_data["home_unit"])
        account = services.user_create(actor=request.user, **data.validated_data)
        return Response(UserSerializer(account).data, status=status.HTTP_201_CREATED)


class RoleAssignmentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = RoleAssignment.objects.select_related("role")
    view_permission = "orgs.view_user"
    serializer_class = RoleAssignmentSerializer
    filterset_class = RoleAssignmentFilterSet

    @extend_schema(request=RoleAssignmentWriteSerializer, responses={201: RoleAssignmentSerializer})
    def create(self, request, *args, **kwargs):
        data = RoleAssignmentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_visible(User, request.user, "orgs.view_user", values["user"])
        require_visible(Organisation, request.user, "orgs.view_organisation", values["organisation"])
        require_visible(AdminUnit, request.user, "geo.view_unit", values["scope"])
        assignment = services.role_grant(actor=request.user, **values)
        return Response(RoleAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=RoleAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        assignment = services.role_revoke(actor=request.user, assignment=self.get_object())
        return Response(RoleAssignmentSerializer(assignment).data)
