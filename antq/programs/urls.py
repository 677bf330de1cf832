from django.urls import path

from antq.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("<int:pk>/", views.program_detail, name="program_detail"),
    path("<int:pk>/assignments.xlsx", views.program_assignments_xlsx, name="program_assignments_xlsx"),
    path("<int:pk>/issue/", views.program_issue, name="program_issue"),
    path("<int:pk>/content/", views.content_item_add, name="content_item_add"),
    path("<int:pk>/assignments/", views.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/", views.assignment_report, name="assignment_report"),
    path("units/<int:unit_pk>/new/", views.program_create, name="program_create"),
    path("decisions/<int:decision_pk>/follow-up/", views.decision_follow_up, name="decision_follow_up"),
]
