"""The supervision API: files without identity (read through `identity/`, each read on the record), one
action per step; a file restricted from the caller answers 404 everywhere, like one out of scope."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from antq.core.access import has_permission
from antq.core.api import ScopedViewSetMixin, ServiceActionMixin
from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation, User
from antq.supervision import permissions as perms
from antq.supervision import selectors, services
from antq.supervision.api import serializers as s
from antq.supervision.models import Breach, Helper, Measure, Person, Proposal, Transfer


class _HelpingWrites:
    """Visits, needs and help given, written the same way by the police (on a file) and a helper."""

    @extend_schema(request=s.VisitWriteSerializer, responses=s.ReintegrationSerializer)
    @action(detail=True, methods=["post"])
    def visits(self, request, pk=None):
        return self._write(s.VisitWriteSerializer, services.visit_record)

    @extend_schema(request=s.NeedWriteSerializer, responses=s.ReintegrationSerializer)
    @action(detail=True, methods=["post"])
    def needs(self, request, pk=None):
        return self._write(s.NeedWriteSerializer, services.need_record)

    @extend_schema(request=s.SupportWriteSerializer, responses=s.ReintegrationSerializer)
    @action(detail=True, methods=["post"])
    def support(self, request, pk=None):
        def record(*, actor, person, need=None, **values):
            found = person.needs.filter(pk=need).first() if need else None
            if need and found is None:
                raise NotFound
            return services.support_record(actor=actor, person=person, need=found, **values)
        return self._write(s.SupportWriteSerializer, record)

    def _write(self, serializer_class, service):
        person = self.get_object()
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        service(actor=self.request.user, person=person, **data.validated_data)
        return Response(s.ReintegrationSerializer(services.reintegration_read(
            actor=self.request.user, person=person)).data, status=status.HTTP_201_CREATED)


class FileViewSet(_HelpingWrites, ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = Person.objects.defer(*selectors.SEALED).prefetch_related(
        Prefetch("measures", queryset=Measure.objects.select_related("kind").prefetch_related(
            "assessments", Prefetch("breaches", queryset=Breach.objects.defer("what")),
            Prefetch("proposals", queryset=Proposal.objects.defer("grounds").prefetch_related("breaches")))),
        "helpers", "transfers")
    view_permission = perms.VIEW_FILE
    serializer_class = s.SupervisionFileSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's generation: no user
            return Person.objects.none()
        # The restriction list narrows every read, as on the pages (selectors.files_of).
        return super().get_queryset().exclude(restrictions__user=self.request.user)

    @extend_schema(request=s.SupervisedPersonWriteSerializer, responses={201: s.SupervisionFileSerializer})
    def create(self, request):
        data = s.SupervisedPersonWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        measure = services.person_register(actor=request.user, **data.validated_data)
        return Response(s.SupervisionFileSerializer(self.base_queryset.get(pk=measure.person_id)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.SupervisedIdentitySerializer)
    @action(detail=True, methods=["get"])
    def identity(self, request, pk=None):
        """Who the person is: each read is an audit row naming the fields read."""
        identity = services.file_read(actor=request.user, person=self.get_object())
        return Response(s.SupervisedIdentitySerializer(identity).data)

    def _measure(self, person, pk):
        measure = person.measures.filter(pk=pk).first()
        if measure is None:
            raise NotFound
        return measure

    @extend_schema(request=s.SupervisionPlanSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        def call(person, data):
            officer = User.objects.filter(pk=data["officer"], is_active=True).first()
            return services.plan_issue(actor=request.user, measure=self._measure(person, data["measure"]),
                                       officer=officer, issued_on=data["issued_on"])
        return self.run_action(s.SupervisionPlanSerializer, call)

    @extend_schema(request=s.SupervisionAssessmentWriteSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def assessments(self, request, pk=None):
        def call(person, data):
            measure = self._measure(person, data.pop("measure"))
            return services.assessment_record(actor=request.user, measure=measure, **data)
        return self.run_action(s.SupervisionAssessmentWriteSerializer, call)

    def _row(self, queryset, pk):
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise NotFound
        return found

    @extend_schema(request=s.BreachWriteSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def breaches(self, request, pk=None):
        def call(person, data):
            return services.breach_record(actor=request.user, measure=self._measure(person, data.pop("measure")),
                                          **data)
        return self.run_action(s.BreachWriteSerializer, call)

    @extend_schema(request=s.BreachWarnSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def warn(self, request, pk=None):
        def call(person, data):
            breach = self._row(Breach.objects.filter(measure__person=person), data["breach"])
            return services.breach_warn(actor=request.user, breach=breach, warned_on=data["warned_on"])
        return self.run_action(s.BreachWarnSerializer, call)

    @extend_schema(request=s.ProposalWriteSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def proposals(self, request, pk=None):
        def call(person, data):
            measure = self._measure(person, data.pop("measure"))
            data["breaches"] = list(Breach.objects.filter(measure=measure, pk__in=data["breaches"]))
            return services.proposal_make(actor=request.user, measure=measure, **data)
        return self.run_action(s.ProposalWriteSerializer, call)

    @extend_schema(request=s.ProposalDecisionSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        def call(person, data):
            proposal = self._row(Proposal.objects.filter(measure__person=person), data.pop("proposal"))
            return services.proposal_decide(actor=request.user, proposal=proposal, **data)
        return self.run_action(s.ProposalDecisionSerializer, call)

    @extend_schema(request=s.CompleteSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        def call(person, data):
            return services.measure_complete(actor=request.user, measure=self._measure(person, data.pop("measure")),
                                             **data)
        return self.run_action(s.CompleteSerializer, call)

    @extend_schema(request=s.MoveSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        def call(person, data):
            to_unit = AdminUnit.objects.current().select_related("level").filter(pk=data["to_unit"]).first()
            return services.transfer_request(actor=request.user, person=person, to_unit=to_unit,
                                             reason=data["reason"])
        return self.run_action(s.MoveSerializer, call)

    @extend_schema(request=s.HelperWriteSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"])
    def helpers(self, request, pk=None):
        def call(person, data):
            organisation = Organisation.objects.filter(pk=data["organisation"]).first() \
                if data["organisation"] else None
            user = User.objects.filter(pk=data["user"], is_active=True).first() if data["user"] else None
            if (data["organisation"] and organisation is None) or (data["user"] and user is None):
                raise NotFound
            return services.helper_assign(actor=request.user, person=person, organisation=organisation, user=user,
                                          decision=data["decision"], decided_on=data["decided_on"])
        return self.run_action(s.HelperWriteSerializer, call)

    @extend_schema(request=s.HelperEndSerializer, responses=s.SupervisionFileSerializer)
    @action(detail=True, methods=["post"], url_path="helper-end")
    def helper_end(self, request, pk=None):
        def call(person, data):
            helper = self._row(Helper.objects.filter(person=person), data["helper"])
            return services.helper_end(actor=request.user, helper=helper, ended_on=data["ended_on"])
        return self.run_action(s.HelperEndSerializer, call)

    @extend_schema(request=None, responses=s.ReintegrationSerializer)
    @action(detail=True, methods=["get"])
    def reintegration(self, request, pk=None):
        """The visits (attitude, wishes), needs and help given: sealed, each read on the record."""
        return Response(s.ReintegrationSerializer(services.reintegration_read(
            actor=request.user, person=self.get_object())).data)


class HelpingViewSet(_HelpingWrites, viewsets.ReadOnlyModelViewSet):
    """The people assigned to the caller to help (a helper's phone app): where they live, their name and
    address through `identity/` (on the record), and the helping record — never the offence."""

    serializer_class = s.HelpedPersonSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        if not has_permission(self.request.user, perms.HELP):
            raise PermissionDenied
        return selectors.helping(self.request.user).order_by("pk")

    @extend_schema(request=None, responses=s.HelperIdentitySerializer)
    @action(detail=True, methods=["get"])
    def identity(self, request, pk=None):
        return Response(s.HelperIdentitySerializer(services.file_read(
            actor=request.user, person=self.get_object(), fields=selectors.HELPER_FIELDS)).data)

    @extend_schema(request=None, responses=s.ReintegrationSerializer)
    @action(detail=True, methods=["get"])
    def reintegration(self, request, pk=None):
        return Response(s.ReintegrationSerializer(services.reintegration_read(
            actor=request.user, person=self.get_object())).data)


class MoveViewSet(viewsets.ReadOnlyModelViewSet):
    """Files handed to the caller's communes, waiting: accept (the file is theirs) or refuse with a note."""

    serializer_class = s.SupervisionTransferSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Transfer.objects.none()
        if not has_permission(self.request.user, perms.TRANSFER):
            raise PermissionDenied
        return selectors.moving_in(self.request.user).order_by("-requested_at", "-pk")

    def _decide(self, accept: bool):
        transfer = self.get_object()
        data = s.MoveDecisionSerializer(data=self.request.data)
        data.is_valid(raise_exception=True)
        services.transfer_decide(actor=self.request.user, transfer=transfer, accept=accept,
                                 note=data.validated_data["note"])
        return Response(s.SupervisionTransferSerializer(Transfer.objects.get(pk=transfer.pk)).data)

    @extend_schema(request=s.MoveDecisionSerializer, responses=s.SupervisionTransferSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(True)

    @extend_schema(request=s.MoveDecisionSerializer, responses=s.SupervisionTransferSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(False)


class FileOpenViewSet(viewsets.ViewSet):
    """Open a file outside the police: ask the commune police head, or — in an emergency — open it now (the
    head is told). A number out of reach answers 404, whatever it is."""

    @extend_schema(request=s.FileOpenSerializer, responses={201: s.AccessGrantAnswerSerializer})
    def create(self, request):
        if not has_permission(request.user, perms.REQUEST_FILE):
            raise PermissionDenied
        data = s.FileOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = Person.objects.visible_to(request.user, perms.REQUEST_FILE).filter(
            pk=data.validated_data["person"], anonymised_at__isnull=True).first()
        if person is None or selectors.is_restricted(request.user, person):
            raise NotFound
        service = services.file_break_glass if data.validated_data["emergency"] else services.file_access_request
        grant = service(actor=request.user, person=person, reason=data.validated_data["reason"])
        return Response(s.AccessGrantAnswerSerializer(grant).data, status=status.HTTP_201_CREATED)
