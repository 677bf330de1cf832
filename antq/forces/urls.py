from django.urls import path

from antq.forces import views

app_name = "forces"
urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("communes/<int:commune_pk>/new/", views.team_create, name="team_create"),
    path("<int:pk>/", views.team_detail, name="team_detail"),
    path("<int:pk>/members/", views.member_propose, name="member_propose"),
    path("<int:pk>/members/<int:member_pk>/recognise/", views.member_recognise, name="member_recognise"),
    path("<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("<int:pk>/members/<int:member_pk>/discipline/", views.member_discipline, name="member_discipline"),
]
