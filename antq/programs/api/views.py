import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin, require_visible
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit, Level
from antq.programs import permissions as perms
from antq.programs import selectors, services
from antq.programs.api.serializers import (
    AssignmentReportSerializer,
    AssignmentSerializer,
    AssignmentWriteSerializer,
    DirectiveReplySerializer,
    DirectiveReplyWriteSerializer,
    DirectiveSerializer,
    DirectiveWriteSerializer,
    InspectionPlanSerializer,
    InspectionVisitSerializer,
    ProgramSerializer,
    ProgramWriteSerializer,
    ReportFormSerializer,
    ReportReturnSerializer,
    ReportSerializer,
    ReportWriteSerializer,
    RollupSerializer,
)
from antq.programs.filtersets import AssignmentFilterSet, ProgramFilterSet, ReportFilterSet
from antq.programs.models import (
    Assignment,
    Directive,
    InspectionPlan,
    InspectionVisit,
    Program,
    Report,
    ReportForm,
)
from antq.programs.services import coordination, reports

VIEW = perms.VIEW_PROGRAM


class ProgramViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Programs and plans of the caller's units and of the levels above them."""

    base_queryset = Program.objects.prefetch_related("content_items", "milestones", "issuers")
    view_permission = VIEW
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet

    write_serializer_class = ProgramWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT), "parent": (Program, VIEW)}
    create_service = services.program_create

    @extend_schema(request=None, responses=ProgramSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        program = services.program_issue(actor=request.user, program=self.get_object())
        return Response(ProgramSerializer(program).data)


class AssignmentViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Assignments (phân công) with their status; `overdue=true` lists the late ones."""

    base_queryset = Assignment.objects.all()
    view_permission = VIEW
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet

    write_serializer_class = AssignmentWriteSerializer
    scoped_fields = {"program": (Program, VIEW)}
    create_service = services.assignment_add

    @extend_schema(request=AssignmentReportSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        assignment = self.get_object()  # out of scope: 404 before the body is read
        data = AssignmentReportSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        assignment = services.assignment_report(actor=request.user, assignment=assignment,
                                                **data.validated_data)
        return Response(AssignmentSerializer(assignment).data)


class ReportFormViewSet(viewsets.ReadOnlyModelViewSet):
    """Report forms with their indicators (data), and the live roll-up of a unit for a period."""

    queryset = ReportForm.objects.filter(is_active=True).prefetch_related("indicators", "submitting_levels")
    serializer_class = ReportFormSerializer
    lookup_field = "code"
    filter_backends = []

    @extend_schema(parameters=[OpenApiParameter("unit", int, required=True),
                               OpenApiParameter("period", OpenApiTypes.DATE, required=True)],
                   responses=RollupSerializer)
    @action(detail=True, methods=["get"])
    def rollup(self, request, code=None):
        form = self.get_object()
        try:
            period = datetime.date.fromisoformat(request.query_params.get("period", ""))
            unit_pk = int(request.query_params.get("unit", ""))
        except ValueError as exc:
            raise ValidationError({"period": [_("Give period=YYYY-MM-DD and unit=<id>.")]}) from exc
        unit = AdminUnit.objects.visible_to(request.user, perms.VIEW_REPORT).filter(pk=unit_pk).first()
        if unit is None:
            raise NotFound
        start, _end = selectors.period_bounds(form, period)
        base = Level.objects.get(code="commune")
        rates = selectors.reporting_rates(form, start, unit, base.pk)
        rolled = selectors.rollup(form, start, unit, base.pk)
        return Response(RollupSerializer({
            "unit": unit.pk, "period_start": start, "completeness": rates["completeness"],
            "timeliness": rates["timeliness"], "expected": rates["expected"], "received": rates["received"],
            "on_time": rates["on_time"],
            "indicators": [{"code": code, "label": item["indicator"].label,
                            "label_en": item["indicator"].label_en, "aggregate": item["indicator"].aggregate,
                            "value": item["value"], "reports": item["reports"]} for code, item in rolled.items()],
        }).data)


class ReportViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Periodic reports; POST saves the unit's draft, then `submit`; `correct` opens a new version."""

    base_queryset = Report.objects.select_related("form").prefetch_related("values__indicator")
    view_permission = perms.VIEW_REPORT
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet

    write_serializer_class = ReportWriteSerializer
    scoped_fields = {"unit": (AdminUnit, perms.VIEW_REPORT)}
    create_service = reports.report_save

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = reports.report_submit(actor=request.user, report=self.get_object())
        return Response(ReportSerializer(Report.objects.get(pk=report.pk)).data)

    @extend_schema(request=None, responses={201: ReportSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        draft = reports.report_correct(actor=request.user, report=self.get_object())
        return Response(ReportSerializer(Report.objects.get(pk=draft.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReportReturnSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_correction(self, request, pk=None):
        report = self.get_object()  # out of scope: 404 before the body is read
        data = ReportReturnSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        report = reports.report_return(actor=request.user, report=report, **data.validated_data)
        return Response(ReportSerializer(Report.objects.get(pk=report.pk)).data)


class DirectiveViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Directives of the caller's units and of the levels above; `reply` answers one."""

    base_queryset = Directive.objects.all()
    view_permission = VIEW
    serializer_class = DirectiveSerializer
    filter_backends = []

    write_serializer_class = DirectiveWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = coordination.directive_issue

    @extend_schema(request=DirectiveReplyWriteSerializer, responses={201: DirectiveReplySerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        directive = self.get_object()  # out of scope: 404 before the body is read
        data = DirectiveReplyWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        require_visible(AdminUnit, request.user, VIEW, data.validated_data["unit"])
        reply = coordination.directive_reply(actor=request.user, directive=directive, **data.validated_data)
        return Response(DirectiveReplySerializer(reply).data, status=status.HTTP_201_CREATED)


class InspectionPlanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = InspectionPlan.objects.all()
    view_permission = VIEW
    serializer_class = InspectionPlanSerializer
    filter_backends = []


class InspectionVisitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Inspection visits with findings, recommendations and follow-up, for the inspected unit and above."""

    base_queryset = InspectionVisit.objects.all()
    view_permission = VIEW
    serializer_class = InspectionVisitSerializer
    filter_backends = []
