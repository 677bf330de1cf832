"""The shared rules in the API: the working calendar and the time limits. Anyone signed in reads
them; the ministry's administrator writes them, through the same services as the rule pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from antq.core import limits, services
from antq.core.api.serializers import (
    CalendarDaySerializer,
    CalendarDayWriteSerializer,
    TimeLimitSerializer,
    TimeLimitWriteSerializer,
)
from antq.core.models import CalendarDay


@extend_schema(tags=["rules"])
class CalendarDayViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin,
                         viewsets.GenericViewSet):
    """Days off on weekdays and make-up working days on weekends; any other day follows the week."""

    serializer_class = CalendarDaySerializer
    queryset = CalendarDay.objects.order_by("day")

    def get_queryset(self):
        year = self.request.query_params.get("year", "")
        queryset = super().get_queryset()
        return queryset.filter(day__year=int(year)) if year.isdigit() and 1900 < int(year) < 2200 else queryset

    @extend_schema(parameters=[OpenApiParameter("year", int, description="Only this year's days.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=CalendarDayWriteSerializer, responses={201: CalendarDaySerializer})
    def create(self, request):
        data = CalendarDayWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        row = services.calendar_day_set(actor=request.user, **data.validated_data)
        return Response(CalendarDaySerializer(row).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.calendar_day_remove(actor=self.request.user, day=instance)


def _version(limit: limits.Limit) -> dict:
    return {"valid_from": limit.valid_from, "amount": limit.amount, "unit": limit.unit, "source": limit.source,
            "unconfirmed": limit.unconfirmed}


def _limit(spec: limits.LimitSpec) -> dict:
    return {"code": spec.code, "label": str(spec.label), "units": list(spec.units),
            "in_force": _version(limits.in_force(spec.code)),
            "versions": [_version(v) for v in limits.versions(spec.code)]}


@extend_schema(tags=["rules"])
class TimeLimitViewSet(viewsets.ViewSet):
    """Every statutory time limit the product counts (Criminal Procedure Code 2015 Art. 134)."""

    serializer_class = TimeLimitSerializer
    lookup_value_regex = r"[a-z_]+\.[a-z_]+"

    @extend_schema(responses=TimeLimitSerializer(many=True))
    def list(self, request):
        return Response([_limit(spec) for spec in limits.declared()])

    @extend_schema(responses=TimeLimitSerializer)
    def retrieve(self, request, pk=None):
        from django.http import Http404

        try:
            return Response(_limit(limits.spec(pk)))
        except KeyError:
            raise Http404 from None

    @extend_schema(request=TimeLimitWriteSerializer, responses={201: TimeLimitSerializer})
    def create(self, request):
        """A change from `valid_from` (today or later); earlier events keep their limit."""
        data = TimeLimitWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        row = services.time_limit_change(actor=request.user, **data.validated_data)
        return Response(_limit(limits.spec(row.code)), status=status.HTTP_201_CREATED)
