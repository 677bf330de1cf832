"""The tips API: the public part (no account) for a mobile app, and the police's actions."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from antq.core.api import Limited, ReceiptSerializer, ScopedViewSetMixin, ServiceActionMixin, require_visible
from antq.core.api.parsers import FormParser, JSONParser, MultiPartParser
from antq.core.api.serializers import AccessGrantSerializer, AccessRequestSerializer
from antq.core.ratelimit import client_key
from antq.geo.models import AdminUnit
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import User
from antq.tips import services
from antq.tips.api import serializers as s
from antq.tips.filtersets import TipFilterSet
from antq.tips.models import Tip


def _identity_and_consent(data: dict) -> dict:
    return {
        "identity": {f: data.pop(f, "") for f in services.IDENTITY_FIELDS},
        "consent": {"handle": data.pop("consent_handle", False), "contact": data.pop("consent_contact", False)},
    }


class PublicTipView(APIView):
    """Report to the police without an account (Criminal Procedure Code Art. 144–145); anonymous by
    default. The answer carries the receipt code and the secret, shown once."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [Limited]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    renderer_classes = [JSONRenderer]  # an app's endpoint: no browsable page, no negotiation per report
    limit_scope, limit_setting = "tip-submit", "ANTQ_TIP_SUBMIT_LIMIT"

    @extend_schema(request=s.PublicReport, responses={201: ReceiptSerializer}, examples=[OpenApiExample(
        "An anonymous report", request_only=True, value={
            "category": "drugs", "commune": 25459, "anonymous": True, "occurred_on": "2026-11-28",
            "description": "Nhiều thanh niên lạ tụ tập ở quán nước đầu hẻm 12, nghi mua bán ma túy vào ban đêm.",
            "address": "Đầu hẻm 12, đường 30/4"})])
    def post(self, request):
        values = s.PublicReport.from_request(request)
        extra = _identity_and_consent(values)
        receipt_code, secret = services.tip_accept(**values, **extra)
        return Response({"receipt_code": receipt_code, "secret": secret}, status=status.HTTP_201_CREATED)


class PublicFollowView(APIView):
    """The reporter's view with the code and the secret: status and messages; with `body` or files,
    a reply. Ten wrong secrets from one network lock the code for that network for 30 minutes."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [Limited]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    renderer_classes = [JSONRenderer]
    limit_scope, limit_setting = "tip-follow", "ANTQ_TIP_FOLLOW_LIMIT"

    @extend_schema(request=s.ReplySerializer, responses=s.PublicStatusSerializer)
    def post(self, request):
        data = s.ReplySerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        tip = services.reporter_access(receipt_code=values["receipt_code"], secret=values["secret"],
                                       client=client_key(request))
        action = values["action"]
        if action.startswith("withdraw_"):
            tip = services.reporter_withdraw(tip=tip, scope=action.removeprefix("withdraw_"))
        elif values["body"] or values["attachments"]:
            services.reporter_message(tip=tip, body=values["body"], attachments=values["attachments"])
        tip = Tip.objects.select_related("category", "commune").prefetch_related("messages").get(pk=tip.pk)
        data = s.PublicStatusSerializer(tip).data
        if action == "my_data" and not tip.anonymous:
            data["own_data"] = services.reporter_own_data(tip=tip)
        return Response(data)


class TipViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Tips of the user's communes (never the reporter's identity); one action per handling step."""

    base_queryset = Tip.objects.prefetch_related("messages")
    view_permission = services.VIEW
    serializer_class = s.TipSerializer
    filterset_class = TipFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=s.RecordReport, responses={201: ReceiptSerializer}, examples=[OpenApiExample(
        "A report taken by phone", request_only=True, value={
            "channel": "phone", "report_type": "denunciation", "category": "property", "commune": 25459,
            "anonymous": False, "reporter_name": "Trần Văn Bình", "reporter_phone": "0909123456",
            "consent_contact": True, "description": "Mất trộm xe máy trước cổng chợ lúc 14 giờ."})])
    def create(self, request):
        """Record a tip received in person, by phone, by letter or from an organisation."""
        values = s.RecordReport.from_request(request)
        extra = _identity_and_consent(values)
        require_visible(AdminUnit, request.user, services.RECORD, values["commune"])
        tip, secret = services.tip_record(actor=request.user, **values, **extra)
        return Response({"receipt_code": tip.receipt_code, "secret": secret}, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TriageSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        return self.run_action(s.TriageSerializer, lambda t, d: services.tip_triage(actor=request.user, tip=t, **d))

    @extend_schema(request=s.AssignSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        def call(tip, data):
            officer = User.objects.visible_to(request.user, orgs_perms.VIEW_USER).filter(pk=data["officer"]).first()
            return services.tip_assign(actor=request.user, tip=tip, officer=officer)
        return self.run_action(s.AssignSerializer, call)

    @extend_schema(request=None, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return Response(s.TipSerializer(services.tip_verify(actor=request.user, tip=self.get_object())).data)

    @extend_schema(request=s.ExtendSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self.run_action(s.ExtendSerializer, lambda t, d: services.tip_extend(actor=request.user, tip=t, **d))

    @extend_schema(request=s.SuspendSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self.run_action(s.SuspendSerializer, lambda t, d: services.tip_suspend(actor=request.user, tip=t, **d))

    @extend_schema(request=s.ResumeSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self.run_action(s.ResumeSerializer, lambda t, d: services.tip_resume(actor=request.user, tip=t, **d))

    @extend_schema(request=s.NoteSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self.run_action(s.NoteSerializer, lambda t, d: services.tip_forward(actor=request.user, tip=t, **d))

    @extend_schema(request=s.ResolveSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self.run_action(s.ResolveSerializer, lambda t, d: services.tip_resolve(actor=request.user, tip=t, **d))

    @extend_schema(request=s.NotCrimeSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"], url_path="not-crime")
    def not_crime(self, request, pk=None):
        return self.run_action(s.NotCrimeSerializer,
                               lambda t, d: services.tip_not_crime(actor=request.user, tip=t, **d))

    @extend_schema(request=s.MergeSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        def call(tip, data):
            into = self.get_queryset().filter(receipt_code=data["into"].strip().upper()).first()
            if into is None:
                raise DjangoValidationError({"into": [_("No tip of yours has this receipt code.")]})
            return services.tip_merge(actor=request.user, tip=tip, into=into)
        return self.run_action(s.MergeSerializer, call)

    @extend_schema(request=s.OfficerMessageSerializer, responses=s.TipSerializer)
    @action(detail=True, methods=["post"])
    def message(self, request, pk=None):
        def call(tip, data):
            services.officer_message(actor=request.user, tip=tip, **data)
            return tip
        return self.run_action(s.OfficerMessageSerializer, call)

    @extend_schema(request=AccessRequestSerializer, responses={201: AccessGrantSerializer})
    @action(detail=True, methods=["post"], url_path="identity-request")
    def identity_request(self, request, pk=None):
        """Ask a second person (the commune police chief or the province police) to open the reporter's
        identity to you, saying why; follow it at /access-requests/."""
        tip = self.get_object()
        if not services.can_request_identity(request.user, tip):
            raise PermissionDenied
        data = AccessRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grant = services.identity_request(actor=request.user, tip=tip, **data.validated_data)
        return Response(AccessGrantSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.IdentitySerializer)
    @action(detail=True, methods=["post"])
    def identity(self, request, pk=None):
        """The reporter's identity, under a request a second person approved and while it lasts; every
        reading is audited."""
        tip = self.get_object()
        if not services.can_read_identity(request.user, tip):
            raise PermissionDenied
        return Response(services.identity_read(actor=request.user, tip=tip))
