from django.urls import path

from antq.tips import views

app_name = "tips"
urlpatterns = [
    path("", views.tip_list, name="tip_list"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("statistics/", views.statistics, name="statistics"),
    path("new/<int:commune_pk>/", views.tip_record, name="tip_record"),
    path("<int:pk>/", views.tip_detail, name="tip_detail"),
    path("<int:pk>/identity/", views.tip_identity, name="tip_identity"),
    path("<int:pk>/identity/request/", views.tip_identity_request, name="tip_identity_request"),
    path("<int:pk>/assign/", views.tip_assign, name="tip_assign"),
    path("<int:pk>/merge/", views.tip_merge, name="tip_merge"),
    path("<int:pk>/record.docx", views.receipt_docx, name="receipt_docx"),
    path("<int:pk>/<slug:action>/", views.tip_action, name="tip_action"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
public_urlpatterns = [
    path("", views.report, name="report"),
    path("theo-doi/", views.follow, name="follow"),
]
