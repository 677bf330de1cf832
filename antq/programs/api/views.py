from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, require_visible
from antq.geo.models import AdminUnit
from antq.programs import services
from antq.programs.api.serializers import (
    AssignmentReportSerializer,
    AssignmentSerializer,
    AssignmentWriteSerializer,
    ProgramSerializer,
    ProgramWriteSerializer,
)
from antq.programs.filtersets import AssignmentFilterSet, ProgramFilterSet
from antq.programs.models import Assignment, Program

VIEW = "programs.view_program"


class ProgramViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Programs and plans of the caller's units and of the levels above them."""

    base_queryset = Program.objects.prefetch_related("content_items", "milestones", "issuers")
    view_permission = VIEW
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet

    @extend_schema(request=ProgramWriteSerializer, responses={201: ProgramSerializer})
    def create(self, request, *args, **kwargs):
        data = ProgramWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_visible(AdminUnit, request.user, "geo.view_unit", values["unit"])
        if values["parent"] is not None:
            require_visible(Program, request.user, VIEW, values["parent"])
        program = services.program_create(actor=request.user, **values)
        return Response(ProgramSerializer(program).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ProgramSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        program = services.program_issue(actor=request.user, program=self.get_object())
        return Response(ProgramSerializer(program).data)


class AssignmentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Assignments (phân công) with their status; `overdue=true` lists the late ones."""

    base_queryset = Assignment.objects.all()
    view_permission = VIEW
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet

    @extend_schema(request=AssignmentWriteSerializer, responses={201: AssignmentSerializer})
    def create(self, request, *args, **kwargs):
        data = AssignmentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_visible(Program, request.user, VIEW, data.validated_data["program"])
        assignment = services.assignment_add(actor=request.user, **data.validated_data)
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssignmentReportSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        data = AssignmentReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.assignment_report(actor=request.user, assignment=self.get_object(),
                                                **data.validated_data)
        return Response(AssignmentSerializer(assignment).data)
