from django.urls import path

from antq.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("list/", views.initiative_list, name="initiative_list"),
    path("new/", views.initiative_create, name="initiative_create"),
    path("<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("<int:pk>/sites/", views.site_add, name="site_add"),
    path("<int:pk>/teams/", views.team_form, name="team_form"),
    path("<int:pk>/grade/", views.initiative_grade, name="initiative_grade"),
    path("<int:pk>/recognise/", views.initiative_recognise, name="initiative_recognise"),
    path("<int:pk>/remove/", views.initiative_remove, name="initiative_remove"),
    path("sites/<int:pk>/close/", views.site_close, name="site_close"),
    path("teams/<int:pk>/disband/", views.team_disband, name="team_disband"),
    path("teams/<int:pk>/members/", views.member_add, name="member_add"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("exemplary/", views.exemplary_list, name="exemplary_list"),
    path("exemplary/new/<int:province_pk>/", views.exemplary_create, name="exemplary_create"),
    path("exemplary/<int:pk>/end/", views.exemplary_end, name="exemplary_end"),
]
