from django.urls import path

from antq.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.file_list, name="file_list"),
    path("communes/<int:commune_pk>/new/", views.person_register, name="person_register"),
    path("<int:pk>/", views.file_detail, name="file_detail"),
    path("<int:pk>/measures/<int:measure_pk>/plan/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/restrictions/", views.restriction_add, name="restriction_add"),
    path("<int:pk>/measures/<int:measure_pk>/assessments/", views.assessment_record, name="assessment_record"),
]
