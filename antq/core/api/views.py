"""Core in the API: the shared rules (the working calendar, the time limits, the rule tables) — anyone
signed in reads them, the ministry's administrator writes them, through the same services as the rule
pages — and the two-person access requests."""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from antq.core import grants, limits, rules, services
from antq.core.api.serializers import (
    AccessApproveSerializer,
    AccessGrantSerializer,
    AccessRefuseSerializer,
    CalendarDaySerializer,
    CalendarDayWriteSerializer,
    RuleRowWriteSerializer,
    RuleTableSerializer,
    TimeLimitSerializer,
    TimeLimitWriteSerializer,
)
from antq.core.forms import rule_row_form
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


def _table_data(table, with_rows: bool = False) -> dict:
    data = {"key": table.key, "title": str(table.title), "what": str(table.what), "source": table.source,
            "unconfirmed": table.unconfirmed, "dated": table.dated, "fields": list(table.fields)}
    if with_rows:
        names = [*table.fields, *[n for n in ("valid_from", "valid_to") if n in
                                  {f.name for f in table.model._meta.concrete_fields}]]
        data["rows"] = [{"id": row.pk, **{name: _jsonable(row, name) for name in names}} for row in table.rows()]
    return data


def _jsonable(row, name: str):
    field = row._meta.get_field(name)
    value = getattr(row, field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


@extend_schema(tags=["rules"])
class RuleTableViewSet(viewsets.ViewSet):
    """The apps' rule tables (antq.core.rules): listed, read, and changed by the ministry through the same
    service as the rule pages."""

    serializer_class = RuleTableSerializer
    lookup_value_regex = r"[a-z_]+\.[a-z_]+"

    @extend_schema(responses=RuleTableSerializer(many=True))
    def list(self, request):
        return Response([_table_data(table) for table in rules.tables()])

    def _table(self, pk):
        try:
            return rules.table(pk)
        except KeyError:
            raise Http404 from None

    @extend_schema(responses=RuleTableSerializer)
    def retrieve(self, request, pk=None):
        return Response(_table_data(self._table(pk), with_rows=True))

    @extend_schema(request=RuleRowWriteSerializer, responses={201: RuleTableSerializer})
    @action(detail=True, methods=["post"])
    def rows(self, request, pk=None):
        """Add a row, or change the row `replaces` (from `valid_from` for a dated table)."""
        table = self._table(pk)
        body = RuleRowWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = None
        if body.validated_data.get("replaces") is not None:
            row = table.rows().filter(pk=body.validated_data["replaces"]).first()
            if row is None:
                raise Http404
        values = {**body.validated_data["values"]}
        if table.dated and "valid_from" in body.validated_data:
            values["valid_from"] = body.validated_data["valid_from"]
        form = rule_row_form(table, data=values, instance=row)
        if not form.is_valid():
            raise ValidationError({name: [error["message"] for error in errors]
                                   for name, errors in form.errors.get_json_data().items()})
        saved = services.rule_row_save(
            actor=request.user, table=table, row=table.model.objects.get(pk=row.pk) if row else None,
            values={name: form.cleaned_data[name] for name in table.fields},
            valid_from=form.cleaned_data.get("valid_from"))
        return Response({"id": saved.pk, **_table_data(table)}, status=status.HTTP_201_CREATED)


@extend_schema(tags=["access"])
class AccessGrantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Two-person access (antq.core.grants): the user's own requests and those the user may decide;
    `?waiting=1` lists only those awaiting the user's decision. An officer asks from the object's own
    endpoint (a tip's `identity-request`)."""

    serializer_class = AccessGrantSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action == "list" and self.request.query_params.get("waiting") in ("1", "true"):
            queryset = grants.approvable(user)
        else:
            queryset = grants.visible(user)
        return queryset.select_related("requested_by", "decided_by").order_by("-requested_at", "-pk")

    @extend_schema(parameters=[OpenApiParameter("waiting", bool, description="Only those awaiting your decision.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _decide(self, serializer_class, call):
        grant = self.get_object()  # out of scope: 404 before the body is read
        data = serializer_class(data=self.request.data) if serializer_class else None
        if data is not None:
            data.is_valid(raise_exception=True)
        grant = call(grant, dict(data.validated_data) if data is not None else {})
        return Response(AccessGrantSerializer(grant).data)

    @extend_schema(request=AccessApproveSerializer, responses=AccessGrantSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(AccessApproveSerializer,
                            lambda g, d: services.access_approve(actor=request.user, grant=g, **d))

    @extend_schema(request=AccessRefuseSerializer, responses=AccessGrantSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(AccessRefuseSerializer,
                            lambda g, d: services.access_refuse(actor=request.user, grant=g, **d))

    @extend_schema(request=None, responses=AccessGrantSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        return self._decide(None, lambda g, d: services.access_end(actor=request.user, grant=g))
