"""The forces API: security teams with their members (no ID number), a team set up, members proposed against
the eligibility rule in force, recognised, leaving, disciplined — one action per step; another commune's team
answers 404."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, ServiceActionMixin
from antq.forces import permissions as perms
from antq.forces import services
from antq.forces.api import serializers as s
from antq.forces.models import Member, SecurityTeam
from antq.geo.models import AdminUnit


class SecurityTeamViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = SecurityTeam.objects.prefetch_related(
        "areas", Prefetch("members", queryset=Member.objects.defer("id_number").prefetch_related("disciplines")))
    view_permission = perms.VIEW_TEAM
    serializer_class = s.SecurityTeamSerializer

    @extend_schema(request=s.SecurityTeamWriteSerializer, responses={201: s.SecurityTeamSerializer})
    def create(self, request):
        data = s.SecurityTeamWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        areas = list(AdminUnit.objects.filter(pk__in=values.pop("areas")).select_related("level"))
        team = services.team_create(actor=request.user, areas=areas, **values)
        return Response(s.SecurityTeamSerializer(self.base_queryset.get(pk=team.pk)).data,
                        status=status.HTTP_201_CREATED)

    def _member(self, team, pk):
        found = team.members.filter(pk=pk).first()
        if found is None:
            raise NotFound
        return found

    @extend_schema(request=s.TeamMemberWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        def call(team, data):
            area = AdminUnit.objects.filter(pk=data.pop("area")).first() if data.get("area") else None
            data.pop("area", None)
            return services.member_propose(actor=request.user, team=team, area=area, **data)
        return self.run_action(s.TeamMemberWriteSerializer, call)

    @extend_schema(request=s.MemberRecogniseSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def recognise(self, request, pk=None):
        def call(team, data):
            return services.member_recognise(actor=request.user, member=self._member(team, data.pop("member")),
                                             **data)
        return self.run_action(s.MemberRecogniseSerializer, call)

    @extend_schema(request=s.MemberLeaveSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        def call(team, data):
            return services.member_leave(actor=request.user, member=self._member(team, data.pop("member")), **data)
        return self.run_action(s.MemberLeaveSerializer, call)

    @extend_schema(request=s.MemberDisciplineWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def discipline(self, request, pk=None):
        def call(team, data):
            return services.member_discipline(actor=request.user, member=self._member(team, data.pop("member")),
                                              **data)
        return self.run_action(s.MemberDisciplineWriteSerializer, call)
