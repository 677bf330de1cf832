from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from antq.committees.api.views import CommitteeMemberViewSet, MeetingViewSet, SteeringCommitteeViewSet
from antq.core.api.views import AccessGrantViewSet, CalendarDayViewSet, RuleTableViewSet, TimeLimitViewSet
from antq.evaluations.api.views import EstablishmentViewSet, EvaluationViewSet, IncidentViewSet
from antq.forces.api.views import (
    AllowancePaymentViewSet,
    CourseViewSet,
    DutyReportViewSet,
    MyShiftViewSet,
    PrestigePersonViewSet,
    RatingViewSet,
    SecurityTeamViewSet,
    SelfManagedGroupViewSet,
    ShiftViewSet,
    TaskViewSet,
    TrainingPlanViewSet,
)
from antq.geo.api.views import AdminUnitViewSet, ResidentialAreaViewSet
from antq.initiatives.api.views import ExemplaryUnitViewSet, InitiativeViewSet, SiteViewSet, TeamViewSet
from antq.mediation.api.views import (
    ComplexAreaViewSet,
    DisputeViewSet,
    MediationCaseViewSet,
    MediationTeamViewSet,
    MediatorViewSet,
)
from antq.mediation.api.views import PublicFollowView as PublicMediationFollowView
from antq.mediation.api.views import PublicRequestView as PublicMediationRequestView
from antq.orgs.api.views import OrganisationViewSet, RoleAssignmentViewSet, UserViewSet
from antq.programs.api.views import (
    AssignmentViewSet,
    DirectiveViewSet,
    InspectionPlanViewSet,
    InspectionVisitViewSet,
    ProgramViewSet,
    ReportFormViewSet,
    ReportViewSet,
)
from antq.supervision.api.views import FileOpenViewSet, FileViewSet, HelpingViewSet, MoveViewSet
from antq.tips.api.views import PublicFollowView, PublicTipView, TipViewSet

router = DefaultRouter()
router.register("units", AdminUnitViewSet, basename="unit")
router.register("access-requests", AccessGrantViewSet, basename="access-request")
router.register("residential-areas", ResidentialAreaViewSet, basename="residential-area")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("users", UserViewSet, basename="user")
router.register("role-assignments", RoleAssignmentViewSet, basename="role-assignment")
router.register("committees", SteeringCommitteeViewSet, basename="committee")
router.register("committee-members", CommitteeMemberViewSet, basename="committee-member")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("programs", ProgramViewSet, basename="program")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("report-forms", ReportFormViewSet, basename="report-form")
router.register("reports", ReportViewSet, basename="report")
router.register("directives", DirectiveViewSet, basename="directive")
router.register("inspection-plans", InspectionPlanViewSet, basename="inspection-plan")
router.register("inspection-visits", InspectionVisitViewSet, basename="inspection-visit")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("establishments", EstablishmentViewSet, basename="establishment")
router.register("incidents", IncidentViewSet, basename="incident")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("mediation-teams", MediationTeamViewSet, basename="mediation-team")
router.register("mediation-cases", MediationCaseViewSet, basename="mediation-case")
router.register("disputes", DisputeViewSet, basename="dispute")
router.register("complex-areas", ComplexAreaViewSet, basename="complex-area")
router.register("supervision-files", FileViewSet, basename="supervision-file")
router.register("security-teams", SecurityTeamViewSet, basename="security-team")
router.register("security-team-shifts", ShiftViewSet, basename="security-team-shift")
router.register("security-team-tasks", TaskViewSet, basename="security-team-task")
router.register("security-team-ratings", RatingViewSet, basename="security-team-rating")
router.register("duty-reports", DutyReportViewSet, basename="duty-report")
router.register("my-shifts", MyShiftViewSet, basename="my-shift")
router.register("training-plans", TrainingPlanViewSet, basename="training-plan")
router.register("training-courses", CourseViewSet, basename="training-course")
router.register("allowance-payments", AllowancePaymentViewSet, basename="allowance-payment")
router.register("self-managed-groups", SelfManagedGroupViewSet, basename="self-managed-group")
router.register("people-of-prestige", PrestigePersonViewSet, basename="person-of-prestige")
router.register("supervision-helping", HelpingViewSet, basename="supervision-helping")
router.register("supervision-moves", MoveViewSet, basename="supervision-move")
router.register("supervision-file-openings", FileOpenViewSet, basename="supervision-file-opening")
router.register("mediators", MediatorViewSet, basename="mediator")
router.register("initiative-sites", SiteViewSet, basename="initiative-site")
router.register("initiative-teams", TeamViewSet, basename="initiative-team")
router.register("exemplary-units", ExemplaryUnitViewSet, basename="exemplary-unit")
router.register("tips", TipViewSet, basename="tip")
router.register("rules/calendar", CalendarDayViewSet, basename="calendar-day")
router.register("rules/limits", TimeLimitViewSet, basename="time-limit")
router.register("rules/tables", RuleTableViewSet, basename="rule-table")

urlpatterns = [
    path("public/tips/", PublicTipView.as_view(), name="public-tip"),
    path("public/tips/follow/", PublicFollowView.as_view(), name="public-tip-follow"),
    path("public/mediation-requests/", PublicMediationRequestView.as_view(), name="public-mediation-request"),
    path("public/mediation-requests/follow/", PublicMediationFollowView.as_view(),
         name="public-mediation-follow"),
    # The description of the API is for staff: it names every operation an attacker would try.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[IsAuthenticated]),
         name="docs"),
    path("", include(router.urls)),
]
