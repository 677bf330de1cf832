from rest_framework import viewsets

from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation import services
from antq.mediation.api.serializers import (
    MediationTeamSerializer,
    MediationTeamWriteSerializer,
    MediatorSerializer,
    MediatorWriteSerializer,
)
from antq.mediation.filtersets import MediationTeamFilterSet
from antq.mediation.models import MediationTeam, Mediator

VIEW = perms.VIEW_TEAM


class MediationTeamViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Mediation teams of the caller's residential areas (Law 35/2013 Art. 12)."""

    base_queryset = MediationTeam.objects.all()
    view_permission = VIEW
    serializer_class = MediationTeamSerializer
    filterset_class = MediationTeamFilterSet

    write_serializer_class = MediationTeamWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.team_create


class MediatorViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Mediators, current and former (a term end keeps the history)."""

    base_queryset = Mediator.objects.all()
    view_permission = VIEW
    serializer_class = MediatorSerializer

    write_serializer_class = MediatorWriteSerializer
    scoped_fields = {"team": (MediationTeam, VIEW)}
    create_service = services.mediator_add
