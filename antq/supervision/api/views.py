"""The supervision API: files without identity (read through `identity/`, each read on the record), one
action per step; a file restricted from the caller answers 404 everywhere, like one out of scope."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from antq.core.api import ScopedViewSetMixin, ServiceActionMixin
from antq.orgs.models import User
from antq.supervision import permissions as perms
from antq.supervision import selectors, services
from antq.supervision.api import serializers as s
from antq.supervision.models import Person


class FileViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = Person.objects.defer(*selectors.SEALED).prefetch_related("measures__assessments",
                                                                             "measures__kind")
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
