from django.urls import path

from antq.programs import views
from antq.programs.views import coordination as coordination_views
from antq.programs.views import reports as report_views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("<int:pk>/", views.program_detail, name="program_detail"),
    path("<int:pk>/assignments.xlsx", views.program_assignments_xlsx, name="program_assignments_xlsx"),
    path("<int:pk>/issue/", views.program_issue, name="program_issue"),
    path("<int:pk>/content/", views.content_item_add, name="content_item_add"),
    path("<int:pk>/assignments/", views.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/", views.assignment_report, name="assignment_report"),
    path("assignments/<int:pk>/evidence/", views.assignment_evidence, name="assignment_evidence"),
    path("units/<int:unit_pk>/new/", views.program_create, name="program_create"),
    path("reports/", report_views.report_form_list, name="report_forms"),
    path("reports/<slug:code>/", report_views.report_rollup, name="report_rollup"),
    path("reports/<slug:code>/rollup.xlsx", report_views.report_rollup_xlsx, name="report_rollup_xlsx"),
    path("reports/<slug:code>/units/<int:unit_pk>/<str:period>/", report_views.unit_report, name="unit_report"),
    path("reports/<slug:code>/units/<int:unit_pk>/<str:period>/correct/", report_views.unit_report_correct,
         name="unit_report_correct"),
    path("reports/<slug:code>/units/<int:unit_pk>/<str:period>/return/", report_views.unit_report_return,
         name="unit_report_return"),
    path("coordination/", coordination_views.coordination_home, name="coordination"),
    path("directives/<int:pk>/", coordination_views.directive_detail, name="directive_detail"),
    path("directives/<int:pk>/reply/<int:unit_pk>/", coordination_views.directive_reply, name="directive_reply"),
    path("units/<int:unit_pk>/directives/new/", coordination_views.directive_create, name="directive_create"),
    path("inspections/<int:pk>/", coordination_views.inspection_detail, name="inspection_detail"),
    path("units/<int:unit_pk>/inspections/new/", coordination_views.inspection_create, name="inspection_create"),
    path("visits/<int:pk>/findings/", coordination_views.inspection_findings, name="inspection_findings"),
    path("visits/<int:pk>/follow-up/", coordination_views.inspection_follow_up, name="inspection_follow_up"),
]
