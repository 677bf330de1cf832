from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from antq.committees import permissions as perms
from antq.committees import services
from antq.committees.api.serializers import (
    CommitteeMemberSerializer,
    CommitteeMemberWriteSerializer,
    MeetingSerializer,
    MeetingWriteSerializer,
    MinutesUploadSerializer,
    SteeringCommitteeSerializer,
    SteeringCommitteeWriteSerializer,
)
from antq.committees.filtersets import CommitteeMemberFilterSet, MeetingFilterSet, SteeringCommitteeFilterSet
from antq.committees.models import CommitteeMember, Meeting, MeetingAttendance, SteeringCommittee
from antq.core.api import ScopedViewSetMixin, ServiceCreateMixin
from antq.core.api.parsers import MultiPartParser
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit

VIEW = perms.VIEW_COMMITTEE


class SteeringCommitteeViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Steering committees in the caller's jurisdiction."""

    base_queryset = SteeringCommittee.objects.all()
    view_permission = VIEW
    serializer_class = SteeringCommitteeSerializer
    filterset_class = SteeringCommitteeFilterSet

    write_serializer_class = SteeringCommitteeWriteSerializer
    scoped_fields = {"unit": (AdminUnit, geo_perms.VIEW_UNIT)}
    create_service = services.committee_create


class CommitteeMemberViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Members, current and former (a term end keeps the history)."""

    base_queryset = CommitteeMember.objects.all()
    view_permission = VIEW
    serializer_class = CommitteeMemberSerializer
    filterset_class = CommitteeMemberFilterSet

    write_serializer_class = CommitteeMemberWriteSerializer
    scoped_fields = {"committee": (SteeringCommittee, VIEW)}
    create_service = services.member_add


class MeetingViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings with attendance and decisions; the committee above sees them at once."""

    base_queryset = Meeting.objects.prefetch_related(
        Prefetch("attendance", MeetingAttendance.objects.all()), "decisions")
    view_permission = VIEW
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    write_serializer_class = MeetingWriteSerializer
    scoped_fields = {"committee": (SteeringCommittee, VIEW)}

    def perform_service(self, values: dict):
        return services.meeting_record(
            actor=self.request.user, **{k: v for k, v in values.items() if k not in ("attendance", "decisions")},
            attendance=[services.AttendanceLine(**line) for line in values["attendance"]],
            decisions=[services.DecisionLine(**line) for line in values["decisions"]],
        )

    @extend_schema(request={"multipart/form-data": MinutesUploadSerializer}, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def minutes(self, request, pk=None):
        """Attach the signed minutes (multipart upload)."""
        meeting = self.get_object()  # out of scope: 404 before the body is read
        data = MinutesUploadSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        meeting = services.meeting_attach_minutes(actor=request.user, meeting=meeting,
                                                  signed_minutes=data.validated_data["signed_minutes"])
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data)
