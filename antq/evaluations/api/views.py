from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from antq.core.access import get_visible_or_404
from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin
from antq.evaluations import permissions as perms
from antq.evaluations import selectors, services
from antq.evaluations.api.serializers import (
    AssessmentSerializer,
    DecisionSerializer,
    EstablishmentSerializer,
    EstablishmentWriteSerializer,
    EvaluationSerializer,
    IncidentSerializer,
    IncidentWriteSerializer,
    ProposalSerializer,
    RegistrationSerializer,
    ReviewSerializer,
    SummarySerializer,
)
from antq.evaluations.filtersets import EstablishmentFilterSet, EvaluationFilterSet, IncidentFilterSet
from antq.evaluations.models import Evaluation, Incident
from antq.geo.models import AdminUnit
from antq.orgs.models import Establishment

VIEW = perms.VIEW_EVALUATION


class EvaluationViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Yearly "Safe in security and order" evaluations (Circular 124/2021/TT-BCA). POST registers a unit."""

    base_queryset = Evaluation.objects.prefetch_related("results__criterion")
    view_permission = VIEW
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet

    write_serializer_class = RegistrationSerializer
    scoped_fields = {"unit": (AdminUnit, VIEW), "establishment": (Establishment, VIEW)}
    create_service = services.evaluation_register

    def _run(self, serializer_class, call):
        evaluation = self.get_object()  # out of scope: 404 before the body is read
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        evaluation = call(evaluation, data.validated_data)
        return Response(EvaluationSerializer(self.base_queryset.get(pk=evaluation.pk)).data)

    @extend_schema(request=AssessmentSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        def call(evaluation, data):
            answers = {a.pop("result"): a for a in data["answers"]}
            return services.evaluation_assess(actor=request.user, evaluation=evaluation, answers=answers)
        return self._run(AssessmentSerializer, call)

    @extend_schema(request=ReviewSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._run(ReviewSerializer, lambda e, data: services.evaluation_review(
            actor=request.user, evaluation=e, **data))

    @extend_schema(request=ProposalSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        return self._run(ProposalSerializer, lambda e, data: services.evaluation_propose(
            actor=request.user, evaluation=e, **data))

    @extend_schema(request=DecisionSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self._run(DecisionSerializer, lambda e, data: services.evaluation_decide(
            actor=request.user, evaluation=e, **data))

    @extend_schema(
        parameters=[OpenApiParameter("unit", OpenApiTypes.INT, required=True),
                    OpenApiParameter("year", OpenApiTypes.INT)],
        responses=SummarySerializer)
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """Share recognised in a unit for a year, by kind and by child area, against the target."""
        try:
            unit_pk = int(request.query_params.get("unit", ""))
            year = int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError as exc:
            raise ValidationError({"unit": [_("Give the unit's id and, optionally, the year.")]}) from exc
        unit = get_visible_or_404(AdminUnit.objects.select_related("level"), request.user, VIEW, pk=unit_pk)
        return Response(SummarySerializer(selectors.recognition_summary(unit, year)).data)


class EstablishmentViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Agencies, enterprises and schools evaluated in their commune; exempt ones are marked."""

    base_queryset = Establishment.objects.all()
    view_permission = VIEW
    serializer_class = EstablishmentSerializer
    filterset_class = EstablishmentFilterSet

    write_serializer_class = EstablishmentWriteSerializer
    scoped_fields = {"commune": (AdminUnit, VIEW)}
    create_service = services.establishment_create


class IncidentViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Incidents that fail a criterion, read by the evaluations' automatic checks."""

    base_queryset = Incident.objects.all()
    view_permission = VIEW
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet

    write_serializer_class = IncidentWriteSerializer
    scoped_fields = {"unit": (AdminUnit, VIEW), "establishment": (Establishment, VIEW)}
    create_service = services.incident_record
