from django.urls import path

from antq.mediation import views

app_name = "mediation"
urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("communes/<int:commune_pk>/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/mediators/", views.mediator_add, name="mediator_add"),
    path("teams/<int:pk>/register.xlsx", views.register_export, {"fmt": "xlsx"}, name="register_xlsx"),
    path("teams/<int:pk>/register.docx", views.register_export, {"fmt": "docx"}, name="register_docx"),
    path("mediators/<int:pk>/end/", views.mediator_end_term, name="mediator_end_term"),
    path("cases/", views.case_list, name="case_list"),
    path("statistics/", views.statistics, name="statistics"),
    path("communes/<int:commune_pk>/cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:pk>/recuse/", views.mediator_recuse, name="mediator_recuse"),
    path("cases/<int:pk>/sessions/", views.session_record, name="session_record"),
    path("cases/<int:pk>/conclude/", views.case_conclude, name="case_conclude"),
    path("cases/<int:pk>/follow-up/", views.agreement_follow_up, name="agreement_follow_up"),
    path("cases/<int:pk>/decline/", views.case_decline, name="case_decline"),
    path("cases/<int:pk>/agreement.docx", views.agreement_docx, name="agreement_docx"),
    path("disputes/", views.dispute_list, name="dispute_list"),
    path("communes/<int:commune_pk>/disputes/new/", views.dispute_create, name="dispute_create"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute_detail"),
    path("disputes/<int:pk>/update/", views.dispute_update, name="dispute_update"),
    path("disputes/<int:pk>/escalate/", views.dispute_escalate, name="dispute_escalate"),
    path("disputes/<int:pk>/resolve/", views.dispute_resolve, name="dispute_resolve"),
    path("complex-areas/", views.complex_area_list, name="complex_area_list"),
    path("communes/<int:commune_pk>/complex-areas/new/", views.complex_area_create, name="complex_area_create"),
    path("complex-areas/<int:pk>/", views.complex_area_detail, name="complex_area_detail"),
    path("complex-areas/<int:pk>/measures/", views.measure_add, name="measure_add"),
    path("complex-areas/<int:pk>/measures/<int:measure_pk>/done/", views.measure_done, name="measure_done"),
    path("complex-areas/<int:pk>/assessments/", views.assessment_record, name="assessment_record"),
    path("complex-areas/<int:pk>/remove/", views.complex_area_remove, name="complex_area_remove"),
]
# Citizens: no account; a Vietnamese path they can read aloud ("mediation").
public_urlpatterns = [
    path("", views.request_mediation, name="request"),
    path("theo-doi/", views.follow_mediation, name="follow"),
]
