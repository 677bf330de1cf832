from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from antq.core.api import Limited, ReceiptSerializer, ScopedViewSetMixin, ServiceActionMixin, ServiceCreateMixin
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
from antq.mediation.filtersets import DisputeFilterSet, MediationCaseFilterSet, MediationTeamFilterSet
from antq.mediation.models import ComplexArea, Dispute, MediationCase, MediationTeam, Mediator

VIEW = perms.VIEW_TEAM


class MediationTeamViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Mediation teams of the caller's residential areas (Law 35/2013 Art. 12)."""

    base_queryset = MediationTeam.objects.all()
    view_permission = VIEW
    serializer_class = MediationTeamSerializer
    filterset_class = MediationTeamFilterSet

    write_serializer_class = MediationTeamWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.team_create


class MediatorViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Mediators, current and former (a term end keeps the history)."""

    base_queryset = Mediator.objects.all()
    view_permission = VIEW
    serializer_class = MediatorSerializer

    write_serializer_class = MediatorWriteSerializer
    scoped_fields = {"team": (MediationTeam, VIEW)}
    create_service = services.mediator_add


class MediationCaseViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
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

    @extend_schema(request=s.CaseAssignSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        def call(case, data):
            mediators = list(Mediator.objects.visible_to(request.user, perms.VIEW_TEAM).filter(
                pk__in=data["mediators"]))
            if len(mediators) != len(set(data["mediators"])):
                raise NotFound
            return services.case_assign(actor=request.user, case=case, mediators=mediators)
        return self.run_action(s.CaseAssignSerializer, call)

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
        return self.run_action(s.CaseRecuseSerializer, call)

    @extend_schema(request=s.CaseSessionSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        return self.run_action(s.CaseSessionSerializer,
                               lambda c, d: services.session_record(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseConcludeSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        return self.run_action(s.CaseConcludeSerializer,
                               lambda c, d: services.case_conclude(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseFollowUpSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        return self.run_action(s.CaseFollowUpSerializer,
                         lambda c, d: services.agreement_follow_up(actor=request.user, case=c, **d))

    @extend_schema(request=s.CaseDeclineSerializer, responses=s.MediationCaseSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self.run_action(s.CaseDeclineSerializer,
                               lambda c, d: services.case_decline(actor=request.user, case=c, **d))

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


class DisputeViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Disputes, complaints, strikes and gatherings of the caller's communes, never who is involved; the
    escalation rule marks risks and hot spots, an officer may earlier with a reason."""

    base_queryset = Dispute.objects.select_related("subject")
    view_permission = perms.VIEW_DISPUTE
    serializer_class = s.DisputeSerializer
    filterset_class = DisputeFilterSet
    write_serializer_class = s.DisputeWriteSerializer
    scoped_fields = {"commune": (AdminUnit, perms.VIEW_DISPUTE)}
    create_service = services.dispute_record

    @extend_schema(request=s.DisputeUpdateSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"], url_path="update")
    def update_state(self, request, pk=None):
        return self.run_action(s.DisputeUpdateSerializer,
                         lambda d, data: services.dispute_update(actor=request.user, dispute=d, **data))

    @extend_schema(request=s.DisputeEscalateSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self.run_action(s.DisputeEscalateSerializer,
                         lambda d, data: services.dispute_escalate(actor=request.user, dispute=d, **data))

    @extend_schema(request=s.DisputeResolveSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        def call(dispute, data):
            case = None
            if data["case"]:
                case = MediationCase.objects.visible_to(request.user, perms.VIEW_CASE).filter(pk=data["case"]).first()
                if case is None:
                    raise NotFound
            return services.dispute_resolve(actor=request.user, dispute=dispute, resolved_on=data["resolved_on"],
                                            resolution=data["resolution"], case=case)
        return self.run_action(s.DisputeResolveSerializer, call)


class ComplexAreaViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Complex areas with their transformation plans."""

    base_queryset = ComplexArea.objects.prefetch_related("measures", "areas")
    view_permission = perms.VIEW_DISPUTE
    serializer_class = s.ComplexAreaSerializer
    write_serializer_class = s.ComplexAreaWriteSerializer
    scoped_fields = {"commune": (AdminUnit, perms.VIEW_DISPUTE)}
    create_service = services.complex_area_designate

    @extend_schema(request=s.MeasureWriteSerializer, responses=s.ComplexAreaSerializer)
    @action(detail=True, methods=["post"])
    def measures(self, request, pk=None):
        return self.run_action(s.MeasureWriteSerializer,
                         lambda a, data: services.measure_add(actor=request.user, area=a, **data))

    @extend_schema(request=s.MeasureDoneSerializer, responses=s.ComplexAreaSerializer)
    @action(detail=True, methods=["post"], url_path="measure-done")
    def measure_done(self, request, pk=None):
        def call(area, data):
            measure = area.measures.filter(pk=data["measure"]).first()
            if measure is None:
                raise NotFound
            return services.measure_done(actor=request.user, measure=measure, done_on=data["done_on"])
        return self.run_action(s.MeasureDoneSerializer, call)

    @extend_schema(request=s.AssessmentWriteSerializer, responses=s.ComplexAreaSerializer)
    @action(detail=True, methods=["post"])
    def assessments(self, request, pk=None):
        return self.run_action(s.AssessmentWriteSerializer,
                         lambda a, data: services.assessment_record(actor=request.user, area=a, **data))

    @extend_schema(request=s.AreaRemoveSerializer, responses=s.ComplexAreaSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        return self.run_action(s.AreaRemoveSerializer,
                         lambda a, data: services.complex_area_remove(actor=request.user, area=a, **data))
