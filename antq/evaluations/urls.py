from django.urls import path

from antq.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("list/", views.evaluation_list, name="evaluation_list"),
    path("<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("<int:pk>/documents/<str:document>/", views.evaluation_document, name="evaluation_document"),
    path("evidence/<int:pk>/", views.criterion_evidence, name="criterion_evidence"),
    path("<int:pk>/assess/", views.evaluation_assess, name="evaluation_assess"),
    path("<int:pk>/review/", views.evaluation_review, name="evaluation_review"),
    path("<int:pk>/propose/", views.evaluation_propose, name="evaluation_propose"),
    path("<int:pk>/decide/", views.evaluation_decide, name="evaluation_decide"),
    path("<int:pk>/certificate.docx", views.evaluation_certificate, name="evaluation_certificate"),
    path("results/<int:pk>/exception/", views.result_exception, name="result_exception"),
    path("register/<slug:kind>/<int:pk>/", views.evaluation_register, name="evaluation_register"),
    path("grade/<slug:kind>/<int:pk>/", views.movement_grade, name="movement_grade"),
    path("establishments/", views.establishment_list, name="establishment_list"),
    path("establishments/import/", views.establishment_import, name="establishment_import"),
    path("establishments/new/<int:commune_pk>/", views.establishment_create, name="establishment_create"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("rules/", views.rules, name="rules"),
    path("rules/criteria/", views.criterion_add, name="criterion_add"),
    path("rules/criteria/<int:pk>/", views.criterion_update, name="criterion_update"),
    path("rules/criteria/<int:pk>/remove/", views.criterion_remove, name="criterion_remove"),
    path("rules/sheets/<int:pk>/confirm/", views.score_sheet_confirm, name="score_sheet_confirm"),
    path("rules/targets/", views.target_set, name="target_set"),
    path("rules/kinds/<slug:kind>/", views.kind_rule_change, name="kind_rule_change"),
    path("incidents/new/<int:commune_pk>/", views.incident_record, name="incident_record"),
]
