from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin
from antq.geo import choices, services
from antq.geo import permissions as perms
from antq.geo.api.serializers import (
    AdminUnitSerializer,
    ResidentialAreaUpdateSerializer,
    ResidentialAreaWriteSerializer,
)
from antq.geo.filtersets import AdminUnitFilterSet
from antq.geo.models import AdminUnit


class AdminUnitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Administrative units in the caller's jurisdiction; `q` ignores diacritics and case."""

    base_queryset = AdminUnit.objects.select_related("level", "unit_type")
    view_permission = perms.VIEW_UNIT
    serializer_class = AdminUnitSerializer
    filterset_class = AdminUnitFilterSet


class ResidentialAreaViewSet(ScopedViewSetMixin, ServiceCreateMixin, mixins.UpdateModelMixin,
                             viewsets.ReadOnlyModelViewSet):
    """Residential areas, entered by commune staff."""

    base_queryset = AdminUnit.objects.filter(level__code=choices.RESIDENTIAL_AREA).select_related(
        "level", "unit_type")
    view_permission = perms.VIEW_UNIT
    serializer_class = AdminUnitSerializer
    filterset_class = AdminUnitFilterSet
    http_method_names = ["get", "post", "put", "head", "options"]

    write_serializer_class = ResidentialAreaWriteSerializer
    scoped_fields = {"commune": (AdminUnit, perms.VIEW_UNIT)}
    create_service = services.residential_area_create

    @extend_schema(request=ResidentialAreaUpdateSerializer, responses=AdminUnitSerializer)
    def update(self, request, *args, **kwargs):
        area = self.get_object()
        data = ResidentialAreaUpdateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        area = services.residential_area_update(actor=request.user, area=area, **data.validated_data)
        return Response(AdminUnitSerializer(area).data)
