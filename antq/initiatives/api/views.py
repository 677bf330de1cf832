import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from antq.core.access import get_visible_or_404
from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin, require_visible
from antq.geo.models import AdminUnit
from antq.initiatives import permissions as perms
from antq.initiatives import selectors, services
from antq.initiatives.api.serializers import (
    CountsSerializer,
    ExemplaryUnitSerializer,
    ExemplaryUnitWriteSerializer,
    GradingWriteSerializer,
    InitiativeSerializer,
    InitiativeWriteSerializer,
    RecognitionWriteSerializer,
    RemovalSerializer,
    SiteSerializer,
    SiteWriteSerializer,
    TeamSerializer,
    TeamWriteSerializer,
)
from antq.initiatives.filtersets import ExemplaryUnitFilterSet, InitiativeFilterSet, SiteFilterSet, TeamFilterSet
from antq.initiatives.models import ExemplaryUnit, Initiative, Site, Team
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import Establishment, Organisation

VIEW = perms.VIEW_INITIATIVE


class InitiativeViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Models of the movement (Guidance 22/HD-BCA-V05). POST registers one; actions add sites and
    teams, grade, recognise as exemplary, remove with the reason."""

    base_queryset = Initiative.objects.prefetch_related("gradings", "recognitions")
    view_permission = VIEW
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet

    write_serializer_class = InitiativeWriteSerializer
    scoped_fields = {"unit": (AdminUnit, VIEW), "organisation": (Organisation, orgs_perms.VIEW_ORGANISATION)}
    create_service = services.initiative_create

    def _answer(self, initiative):
        return Response(InitiativeSerializer(self.base_queryset.get(pk=initiative.pk)).data)

    def _data(self, serializer_class):
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=SiteWriteSerializer, responses={201: SiteSerializer})
    @action(detail=True, methods=["post"])
    def sites(self, request, pk=None):
        initiative = self.get_object()
        data = self._data(SiteWriteSerializer)
        require_visible(AdminUnit, request.user, VIEW, data["unit"])
        if data["establishment"] is not None:
            require_visible(Establishment, request.user, "evaluations.view_evaluation", data["establishment"])
        site = services.site_add(actor=request.user, initiative=initiative, **data)
        return Response(SiteSerializer(site).data, status=201)

    @extend_schema(request=TeamWriteSerializer, responses={201: TeamSerializer})
    @action(detail=True, methods=["post"])
    def teams(self, request, pk=None):
        initiative = self.get_object()
        data = self._data(TeamWriteSerializer)
        if data["site"] is not None:
            require_visible(Site, request.user, VIEW, data["site"])
        team = services.team_form(actor=request.user, initiative=initiative, **data)
        return Response(TeamSerializer(Team.objects.prefetch_related("members").get(pk=team.pk)).data, status=201)

    @extend_schema(request=GradingWriteSerializer, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        initiative = self.get_object()
        services.initiative_grade(actor=request.user, initiative=initiative, **self._data(GradingWriteSerializer))
        return self._answer(initiative)

    @extend_schema(request=RecognitionWriteSerializer, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def recognise(self, request, pk=None):
        initiative = self.get_object()
        services.initiative_recognise(actor=request.user, initiative=initiative,
                                      **self._data(RecognitionWriteSerializer))
        return self._answer(initiative)

    @extend_schema(request=RemovalSerializer, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        initiative = self.get_object()
        services.initiative_remove(actor=request.user, initiative=initiative, **self._data(RemovalSerializer))
        return self._answer(initiative)

    @extend_schema(parameters=[OpenApiParameter("unit", OpenApiTypes.INT, required=True),
                               OpenApiParameter("on", OpenApiTypes.DATE)],
                   responses=CountsSerializer)
    @action(detail=False, methods=["get"])
    def counts(self, request):
        """Guidance 22's counts inside a unit — models, exemplary ones, sites, teams, members — by
        kind and by child area, on a date (today by default)."""
        errors = {}
        unit_pk = request.query_params.get("unit", "")
        if not unit_pk.isdigit():
            errors["unit"] = [_("Give the unit's id.")]
        on = None
        if request.query_params.get("on"):
            try:
                on = datetime.date.fromisoformat(request.query_params["on"])
            except ValueError:
                errors["on"] = [_("Give the date as YYYY-MM-DD.")]
        if errors:
            raise ValidationError(errors)
        unit = get_visible_or_404(AdminUnit.objects.select_related("level"), request.user, VIEW, pk=int(unit_pk))
        return Response(CountsSerializer(selectors.counts(unit, on)).data)


class SiteViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Sites (điểm) replicating a model; add one with POST /initiatives/{id}/sites/."""

    base_queryset = Site.objects.all()
    view_permission = VIEW
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet


class TeamViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Teams (tổ) running a model, with their members; form one with POST /initiatives/{id}/teams/."""

    base_queryset = Team.objects.prefetch_related("members")
    view_permission = VIEW
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet


class ExemplaryUnitViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Communes and wards recognised as exemplary units of the movement (seed 001)."""

    base_queryset = ExemplaryUnit.objects.all()
    view_permission = VIEW
    serializer_class = ExemplaryUnitSerializer
    filterset_class = ExemplaryUnitFilterSet

    write_serializer_class = ExemplaryUnitWriteSerializer
    scoped_fields = {"unit": (AdminUnit, VIEW)}
    create_service = services.exemplary_unit_recognise
