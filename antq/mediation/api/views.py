from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from antq.core.api import Limited, ReceiptSerializer, ScopedViewSetMixin, ServiceCreateMixin
from antq.core.ratelimit import client_key
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation import services
from antq.mediation.api import serializers as s
from antq.mediation.api.serializers import (
    MediationTeamSerializer,
    MediationTeamWriteSerializer,
    MediatorSerializer,
    MediatorWriteSerializer,
)
from antq.mediation.filtersets import MediationCaseFilterSet, MediationTeamFilterSet
from antq.mediation.models import MediationCase, MediationTeam, Mediator

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


class MediationCaseViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Matters of the caller's communes (Law 35/2013 Art. 16–27), without their parties; one action per step.
    A step the caller may not take answers 403; a matter outside their communes, 404."""

    base_queryset = MediationCase.objects.select_related("subject", "declined_subject").prefetch_related(
        "assignments")
    view_permission = perms.VIEW_CASE
    serializer_class = s.MediationCaseSerializer
    filterset_class = MediationCaseFilterSet
    write_serializer_class = s.MediationCaseWriteSerializer
    scoped_fields = {"commune": (AdminUnit, perms.VIEW_CASE)}
    create_service = services.case_open

    def _run(self, serializer_class, call):
        case = self.get_object()  # out of scope: 404 before the body is read
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        call(case, dict(data.validated_data))
        return Response(s.MediationCaseSerializer(self.base_queryset.get(pk=case.pk)).data)

    @extend_schema(request=s.CaseAssignSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        def call(case, data):
            mediators = list(Mediator.objects.visible_to(request.user, perms.VIEW_TEAM).filter(
                pk__in=data["mediators"]))
            if len(mediators) != len(set(data["mediators"])):
                raise NotFound
            return services.case_assign(actor=request.user, case=case, mediators=mediators)
        return self._run(s.CaseAssignSerializer, call)

    @extend_schema(request=s.CaseRecuseSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        def call(case, data):
            assignment = case.assignments.filter(pk=data["assignment"]).first()
            replacement = (Mediator.objects.visible_to(request.user, perms.VIEW_TEAM).filter(
                pk=data["replacement"]).first() if data["replacement"] else None)
            if assignment is None or (data["replacement"] and replacement is None):
                raise NotFound
            return services.mediator_recuse(actor=request.user, case=case, assignment=assignment,
                                            reason=data["reason"], replacement=replacement)
        return self._run(s.CaseRecuseSerializer, call)

    @extend_schema(request=s.CaseSessionSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        return self._run(s.CaseSessionSerializer, lambda c, d: services.session_record(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseConcludeSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        return self._run(s.CaseConcludeSerializer, lambda c, d: services.case_conclude(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseFollowUpSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        return self._run(s.CaseFollowUpSerializer,
                         lambda c, d: services.agreement_follow_up(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseDeclineSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._run(s.CaseDeclineSerializer, lambda c, d: services.case_decline(actor=request.user, case=c, **d))

    @extend_schema(request=None, responses=s.PartySerializer(many=True))
    @action(detail=True, methods=["get"])
    def parties(self, request, pk=None):
        """The parties' details (Law 91/2025): with the permission to see them; each read on the record."""
        case = self.get_object()
        return Response(s.PartySerializer(services.parties_read(actor=request.user, case=case), many=True).data)


class PublicRequestView(APIView):
    """Ask for mediation without an account (Law 35/2013 Art. 16.1). The answer carries the receipt code and
    the secret, shown once."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [Limited]
    renderer_classes = [JSONRenderer]
    limit_scope, limit_setting = "mediation-request", "ANTQ_TIP_SUBMIT_LIMIT"

    @extend_schema(request=s.MediationRequestSerializer, responses={201: ReceiptSerializer}, examples=[OpenApiExample(
        "A dispute between neighbours", request_only=True, value={
            "subject": "neighbours", "commune": 25459, "consent": True,
            "description": "Nhà bên cạnh xây tường lấn sang lối đi chung khoảng 0,3 m.",
            "requester": {"full_name": "Trần Thị Hoa", "phone": "0912345678", "address": "Số 12, hẻm 5"},
            "other": {"full_name": "Lê Văn Bình", "address": "Số 14, hẻm 5"}})])
    def post(self, request):
        data = s.MediationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case, secret = services.case_request(**data.validated_data)
        return Response({"receipt_code": case.receipt_code, "secret": secret}, status=status.HTTP_201_CREATED)


class PublicFollowView(APIView):
    """Where a request stands, with its code and secret; ten wrong secrets from one network lock the code
    for that network for 30 minutes."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [Limited]
    renderer_classes = [JSONRenderer]
    limit_scope, limit_setting = "mediation-follow", "ANTQ_TIP_FOLLOW_LIMIT"

    @extend_schema(request=s.MediationFollowSerializer, responses=s.MediationStatusSerializer)
    def post(self, request):
        data = s.MediationFollowSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.requester_access(**data.validated_data, client=client_key(request))
        return Response(s.MediationStatusSerializer(case).data)
