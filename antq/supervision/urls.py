from django.urls import path

from antq.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.file_list, name="file_list"),
    path("communes/<int:commune_pk>/new/", views.person_register, name="person_register"),
    path("open/", views.file_open, name="file_open"),
    path("statistics/", views.statistics, name="statistics"),
    path("emergency-openings/", views.emergency_openings, name="emergency_openings"),
    path("helping/", views.helping_list, name="helping_list"),
    path("helping/<int:pk>/", views.helping_detail, name="helping_detail"),
    path("moves/<int:transfer_pk>/<str:decision>/", views.transfer_decide, name="transfer_decide"),
    path("<int:pk>/", views.file_detail, name="file_detail"),
    path("<int:pk>/measures/<int:measure_pk>/plan/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/restrictions/", views.restriction_add, name="restriction_add"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/measures/<int:measure_pk>/assessments/", views.assessment_record, name="assessment_record"),
    path("<int:pk>/assessments/<int:assessment_pk>.docx", views.assessment_docx, name="assessment_docx"),
    path("<int:pk>/measures/<int:measure_pk>/breaches/", views.breach_record, name="breach_record"),
    path("<int:pk>/breaches/<int:breach_pk>/warn/", views.breach_warn, name="breach_warn"),
    path("<int:pk>/measures/<int:measure_pk>/proposals/", views.proposal_make, name="proposal_make"),
    path("<int:pk>/proposals/<int:proposal_pk>/decision/", views.proposal_decide, name="proposal_decide"),
    path("<int:pk>/measures/<int:measure_pk>/complete/", views.measure_complete, name="measure_complete"),
    path("<int:pk>/measures/<int:measure_pk>/certificate.docx", views.certificate_docx, name="certificate_docx"),
    path("<int:pk>/move/", views.transfer_request, name="transfer_request"),
    path("<int:pk>/helpers/", views.helper_assign, name="helper_assign"),
    path("<int:pk>/helpers/<int:helper_pk>/end/", views.helper_end, name="helper_end"),
    path("<int:pk>/visits/", views.visit_record, name="visit_record"),
    path("<int:pk>/needs/", views.need_record, name="need_record"),
    path("<int:pk>/support/", views.support_record, name="support_record"),
]
