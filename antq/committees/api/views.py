from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

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
from antq.core.api import ScopedViewSetMixin, require_visible
from antq.geo.models import AdminUnit

VIEW = "committees.view_committee"


class SteeringCommitteeViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Steering committees in the caller's jurisdiction."""

    base_queryset = SteeringCommittee.objects.all()
    view_permission = VIEW
    serializer_class = SteeringCommitteeSerializer
    filterset_class = SteeringCommitteeFilterSet

    @extend_schema(request=SteeringCommitteeWriteSerializer, responses={201: SteeringCommitteeSerializer})
    def create(self, request, *args, **kwargs):
        data = SteeringCommitteeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_visible(AdminUnit, request.user, "geo.view_unit", data.validated_data["unit"])
        committee = services.committee_create(actor=request.user, **data.validated_data)
        return Response(SteeringCommitteeSerializer(committee).data, status=status.HTTP_201_CREATED)


class CommitteeMemberViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Members, current and former (a term end keeps the history)."""

    base_queryset = CommitteeMember.objects.all()
    view_permission = VIEW
    serializer_class = CommitteeMemberSerializer
    filterset_class = CommitteeMemberFilterSet

    @extend_schema(request=CommitteeMemberWriteSerializer, responses={201: CommitteeMemberSerializer})
    def create(self, request, *args, **kwargs):
        data = CommitteeMemberWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require_visible(SteeringCommittee, request.user, VIEW, data.validated_data["committee"])
        member = services.member_add(actor=request.user, **data.validated_data)
        return Response(CommitteeMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class MeetingViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings with attendance and decisions; the committee above sees them at once."""

    base_queryset = Meeting.objects.prefetch_related(
        Prefetch("attendance", MeetingAttendance.objects.all()), "decisions")
    view_permission = VIEW
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    @extend_schema(request=MeetingWriteSerializer, responses={201: MeetingSerializer})
    def create(self, request, *args, **kwargs):
        data = MeetingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_visible(SteeringCommittee, request.user, VIEW, values["committee"])
        meeting = services.meeting_record(
            actor=request.user, committee=values["committee"], held_on=values["held_on"], place=values["place"],
            chair=values["chair"], agenda=values["agenda"], minutes=values["minutes"],
            attendance=[services.AttendanceLine(**line) for line in values["attendance"]],
            decisions=[services.DecisionLine(**line) for line in values["decisions"]],
        )
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": MinutesUploadSerializer}, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def minutes(self, request, pk=None):
        """Attach the signed minutes (multipart upload)."""
        data = MinutesUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_attach_minutes(actor=request.user, meeting=self.get_object(),
                                                  signed_minutes=data.validated_data["signed_minutes"])
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data)
