"""The forces API: security teams with their members (no ID number), a team set up, members proposed against
the eligibility rule in force, recognised, leaving, disciplined — one action per step; another commune's team
answers 404."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from antq.core.access import has_permission
from antq.core.api import ScopedViewSetMixin, ServiceActionMixin, ServiceCreateMixin
from antq.forces import filtersets as f
from antq.forces import permissions as perms
from antq.forces import selectors, services
from antq.forces.api import serializers as s
from antq.forces.models import (
    AllowancePayment,
    Assignment,
    Course,
    EquipmentIssue,
    Incident,
    Member,
    PrestigePerson,
    Rating,
    SecurityTeam,
    SelfManagedGroup,
    Shift,
    Task,
    TrainingPlan,
)
from antq.geo.models import AdminUnit


def _members(team, ids) -> list[Member]:
    found = list(team.members.filter(pk__in=ids or []))
    if len(found) != len(set(ids or [])):
        raise ValidationError({"members": [_("Choose recognised members of the team.")]})
    return found


class TeamDutyMixin:
    """The team's duty, tasks and accounts: actions of SecurityTeamViewSet."""

    @extend_schema(request=s.ScheduleWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def schedules(self, request, pk=None):
        def call(team, data):
            return services.schedule_create(actor=request.user, team=team, **{
                **data, "members": _members(team, data["members"])})
        return self.run_action(s.ScheduleWriteSerializer, call)

    @extend_schema(request=s.ScheduleEndSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"], url_path="schedule-end")
    def schedule_end(self, request, pk=None):
        def call(team, data):
            schedule = team.schedules.filter(pk=data["schedule"]).first()
            if schedule is None:
                raise NotFound
            return services.schedule_end(actor=request.user, schedule=schedule, ended_on=data["ended_on"])
        return self.run_action(s.ScheduleEndSerializer, call)

    @extend_schema(request=s.ShiftWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def shifts(self, request, pk=None):
        def call(team, data):
            return services.shift_create(actor=request.user, team=team, **{
                **data, "members": _members(team, data["members"])})
        return self.run_action(s.ShiftWriteSerializer, call)

    @extend_schema(request=s.TaskWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def tasks(self, request, pk=None):
        def call(team, data):
            member = None
            if data.get("member") is not None:
                member = team.members.filter(pk=data["member"]).first()
                if member is None:
                    raise ValidationError({"member": [_("Choose a recognised member of the team, or the whole "
                                                        "team.")]})
            return services.task_give(actor=request.user, team=team, **{**data, "member": member})
        return self.run_action(s.TaskWriteSerializer, call)

    @extend_schema(request=s.EquipmentWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def equipment(self, request, pk=None):
        def call(team, data):
            return services.equipment_issue(actor=request.user, member=self._member(team, data.pop("member")),
                                            **data)
        return self.run_action(s.EquipmentWriteSerializer, call)

    @extend_schema(request=s.EquipmentReturnSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"], url_path="equipment-return")
    def equipment_return(self, request, pk=None):
        def call(team, data):
            issue = EquipmentIssue.objects.filter(pk=data["equipment"], member__team=team).first()
            if issue is None:
                raise NotFound
            return services.equipment_return(actor=request.user, issue=issue, returned_on=data["returned_on"])
        return self.run_action(s.EquipmentReturnSerializer, call)

    @extend_schema(request=s.AccountLinkSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def account(self, request, pk=None):
        def call(team, data):
            return services.member_account_link(actor=request.user, member=self._member(team, data.pop("member")),
                                                **data)
        return self.run_action(s.AccountLinkSerializer, call)


class SecurityTeamViewSet(TeamDutyMixin, ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = SecurityTeam.objects.prefetch_related(
        "areas", Prefetch("members", queryset=Member.objects.defer("id_number")
                          .prefetch_related("disciplines", "equipment")))
    view_permission = perms.VIEW_TEAM
    serializer_class = s.SecurityTeamSerializer

    @extend_schema(request=s.SecurityTeamWriteSerializer, responses={201: s.SecurityTeamSerializer})
    def create(self, request):
        data = s.SecurityTeamWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        areas = list(AdminUnit.objects.filter(pk__in=values.pop("areas")).select_related("level"))
        team = services.team_create(actor=request.user, areas=areas, **values)
        return Response(s.SecurityTeamSerializer(self.base_queryset.get(pk=team.pk)).data,
                        status=status.HTTP_201_CREATED)

    def _member(self, team, pk):
        found = team.members.filter(pk=pk).first()
        if found is None:
            raise NotFound
        return found

    @extend_schema(request=s.TeamMemberWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        def call(team, data):
            area = AdminUnit.objects.filter(pk=data.pop("area")).first() if data.get("area") else None
            data.pop("area", None)
            return services.member_propose(actor=request.user, team=team, area=area, **data)
        return self.run_action(s.TeamMemberWriteSerializer, call)

    @extend_schema(request=s.MemberRecogniseSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def recognise(self, request, pk=None):
        def call(team, data):
            return services.member_recognise(actor=request.user, member=self._member(team, data.pop("member")),
                                             **data)
        return self.run_action(s.MemberRecogniseSerializer, call)

    @extend_schema(request=s.MemberLeaveSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        def call(team, data):
            return services.member_leave(actor=request.user, member=self._member(team, data.pop("member")), **data)
        return self.run_action(s.MemberLeaveSerializer, call)

    @extend_schema(request=s.MemberDisciplineWriteSerializer, responses=s.SecurityTeamSerializer)
    @action(detail=True, methods=["post"])
    def discipline(self, request, pk=None):
        def call(team, data):
            return services.member_discipline(actor=request.user, member=self._member(team, data.pop("member")),
                                              **data)
        return self.run_action(s.MemberDisciplineWriteSerializer, call)


class ShiftViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Shifts of the teams in scope (?team=, ?start=YYYY-MM-DD); cancelled ones included, marked."""

    base_queryset = Shift.objects.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("member").defer("member__id_number")))
    view_permission = perms.VIEW_TEAM
    serializer_class = s.ShiftSerializer

    filterset_class = f.ShiftFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("starts_at", "pk")

    @extend_schema(request=s.ShiftAssignSerializer, responses=s.ShiftSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        def call(shift, data):
            member = shift.team.members.filter(pk=data["member"]).first()
            if member is None:
                raise ValidationError({"member": [_("Choose a recognised member of the team.")]})
            return services.shift_assign(actor=request.user, shift=shift, member=member)
        return self.run_action(s.ShiftAssignSerializer, call)

    @extend_schema(request=s.ShiftCancelSerializer, responses=s.ShiftSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.run_action(s.ShiftCancelSerializer, lambda shift, data: services.shift_cancel(
            actor=request.user, shift=shift, **data))


class TaskViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Tasks given to the teams in scope (?team=, ?year=)."""

    base_queryset = Task.objects.all()
    view_permission = perms.VIEW_TEAM
    serializer_class = s.TaskSerializer

    filterset_class = f.TaskFilterSet

    @extend_schema(request=s.TaskCloseSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run_action(s.TaskCloseSerializer, lambda task, data: services.task_close(
            actor=request.user, task=task, **data))


class RatingViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Yearly ratings of teams (member null) and members (?commune=, ?year=); drafted from the records,
    reviewed, decided by commune and year."""

    base_queryset = Rating.objects.all()
    view_permission = perms.VIEW_TEAM
    serializer_class = s.RatingSerializer

    filterset_class = f.RatingFilterSet

    @extend_schema(request=s.RatingsYearSerializer, responses=s.RatingSerializer(many=True))
    @action(detail=False, methods=["post"])
    def draft(self, request):
        data = s.RatingsYearSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        drafted = services.ratings_draft(actor=request.user, **data.validated_data)
        return Response(s.RatingSerializer(drafted, many=True).data)

    @extend_schema(request=s.RatingsDecideSerializer, responses=s.RatingSerializer(many=True))
    @action(detail=False, methods=["post"])
    def decide(self, request):
        data = s.RatingsDecideSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.ratings_decide(actor=request.user, **values)
        rows = self.get_queryset().filter(commune=values["commune"], year=values["year"])
        return Response(s.RatingSerializer(rows, many=True).data)

    @extend_schema(request=s.RatingReviewSerializer, responses=s.RatingSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self.run_action(s.RatingReviewSerializer, lambda rating, data: services.rating_review(
            actor=request.user, rating=rating, **data))


class DutyReportViewSet(ScopedViewSetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """What members reported from duty (the commune police's); a dispute waiting is recorded in one step."""

    base_queryset = Incident.objects.select_related("assignment__member").defer("assignment__member__id_number")
    view_permission = perms.MANAGE_TEAM
    serializer_class = s.DutyIncidentSerializer

    @extend_schema(request=None, responses=s.DutyIncidentSerializer)
    @action(detail=True, methods=["post"], url_path="record-dispute")
    def record_dispute(self, request, pk=None):
        incident = self.get_object()
        services.incident_record_dispute(actor=request.user, incident=incident)
        return Response(self.get_serializer(self.base_queryset.get(pk=incident.pk)).data)


class MyShiftViewSet(viewsets.ReadOnlyModelViewSet):
    """A team member's own shifts (from those still open to sign off to two weeks ahead): confirm, decline,
    sign on, report, sign off. Anyone else's answers 404."""

    serializer_class = s.MyShiftSerializer
    queryset = Assignment.objects.none()  # for the schema: the real rows are the caller's own

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not has_permission(request.user, perms.DO_DUTY):
            raise PermissionDenied()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.my_assignments(self.request.user).prefetch_related(
            "incidents", Prefetch("shift__assignments", queryset=Assignment.objects.select_related("member")
                                  .defer("member__id_number")))

    def _step(self, serializer_class, call):
        assignment = self.get_object()
        values = {}
        if serializer_class is not None:
            data = serializer_class(data=self.request.data)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
        try:
            call(assignment, values)
        except Assignment.DoesNotExist:
            raise NotFound from None
        return Response(self.get_serializer(self.get_queryset().get(pk=assignment.pk)).data)

    @extend_schema(request=None, responses=s.MyShiftSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._step(None, lambda a, _d: services.assignment_answer(actor=request.user, assignment=a,
                                                                          confirm=True))

    @extend_schema(request=s.DeclineSerializer, responses=s.MyShiftSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._step(s.DeclineSerializer, lambda a, d: services.assignment_answer(
            actor=request.user, assignment=a, confirm=False, **d))

    @extend_schema(request=None, responses=s.MyShiftSerializer)
    @action(detail=True, methods=["post"], url_path="sign-on")
    def sign_on(self, request, pk=None):
        return self._step(None, lambda a, _d: services.assignment_sign_on(actor=request.user, assignment=a))

    @extend_schema(request=s.SignOffSerializer, responses=s.MyShiftSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        return self._step(s.SignOffSerializer, lambda a, d: services.assignment_sign_off(
            actor=request.user, assignment=a, **d))

    @extend_schema(request=s.DutyIncidentWriteSerializer, responses=s.MyShiftSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        return self._step(s.DutyIncidentWriteSerializer, lambda a, d: services.incident_report(
            actor=request.user, assignment=a, **d))


class TrainingPlanViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Communes' training plans (?commune=, ?year=); POST saves a year's plan (a new version replaces it)."""

    base_queryset = TrainingPlan.objects.all()
    view_permission = perms.VIEW_TEAM
    serializer_class = s.TrainingPlanSerializer
    write_serializer_class = s.TrainingPlanWriteSerializer
    create_service = services.training_plan_save

    filterset_class = f.TrainingPlanFilterSet


class CourseViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Training courses (?commune=) with each member's result; POST adds one; results once it has ended."""

    base_queryset = Course.objects.prefetch_related("attendances")
    view_permission = perms.VIEW_TEAM
    serializer_class = s.CourseSerializer
    filterset_class = f.CourseFilterSet
    write_serializer_class = s.CourseWriteSerializer
    create_service = services.course_create

    @extend_schema(request=s.CourseResultsSerializer, responses=s.CourseSerializer)
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        def call(course, data):
            try:
                results = {int(member): result for member, result in data["results"].items()}
            except ValueError:
                raise ValidationError({"results": [_("Give a result for recognised members of the commune "
                                                     "only.")]}) from None
            return services.attendance_record(actor=request.user, course=course, results=results)
        return self.run_action(s.CourseResultsSerializer, call)


class AllowancePaymentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Months of support paid to members (?commune=, ?member=); POST pay/ records a month for a commune."""

    base_queryset = AllowancePayment.objects.all()
    view_permission = perms.VIEW_TEAM
    serializer_class = s.AllowancePaymentSerializer

    filterset_class = f.AllowancePaymentFilterSet

    @extend_schema(request=s.AllowancePaySerializer, responses=s.AllowancePaymentSerializer(many=True))
    @action(detail=False, methods=["post"])
    def pay(self, request):
        data = s.AllowancePaySerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.allowances_pay(actor=request.user, **values)
        rows = self.get_queryset().filter(commune=values["commune"], month=values["month"].replace(day=1))
        return Response(s.AllowancePaymentSerializer(rows, many=True).data)


class SelfManagedGroupViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Self-managed groups on security and order (?commune=); POST records one (the Front)."""

    base_queryset = SelfManagedGroup.objects.all()
    view_permission = perms.VIEW_TEAM
    serializer_class = s.SelfManagedGroupSerializer
    filterset_class = f.SelfManagedGroupFilterSet
    write_serializer_class = s.SelfManagedGroupWriteSerializer
    create_service = services.group_create


class PrestigePersonViewSet(ScopedViewSetMixin, ServiceCreateMixin, ServiceActionMixin,
                            viewsets.ReadOnlyModelViewSet):
    """People of prestige (?commune=, ?kind=), without the phone; POST introduces one; took-part records what
    they took part in."""

    base_queryset = PrestigePerson.objects.defer("phone").prefetch_related("groups", "participations")
    view_permission = perms.VIEW_TEAM
    serializer_class = s.PrestigePersonSerializer
    filterset_class = f.PrestigePersonFilterSet
    write_serializer_class = s.PrestigePersonWriteSerializer

    def perform_service(self, values: dict):
        groups = list(SelfManagedGroup.objects.filter(pk__in=values.pop("groups"), commune=values["commune"]))
        return services.prestige_introduce(actor=self.request.user, groups=groups, **values)

    @extend_schema(request=s.ParticipationWriteSerializer, responses=s.PrestigePersonSerializer)
    @action(detail=True, methods=["post"], url_path="took-part")
    def took_part(self, request, pk=None):
        return self.run_action(s.ParticipationWriteSerializer, lambda person, data: services.participation_record(
            actor=request.user, person=person, **data))
