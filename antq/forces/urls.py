from django.urls import path

from antq.forces import views

app_name = "forces"
urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("me/", views.my_duty, name="my_duty"),
    path("me/<int:pk>/confirm/", views.my_confirm, name="my_confirm"),
    path("me/<int:pk>/decline/", views.my_decline, name="my_decline"),
    path("me/<int:pk>/sign-on/", views.my_sign_on, name="my_sign_on"),
    path("me/<int:pk>/sign-off/", views.my_sign_off, name="my_sign_off"),
    path("me/<int:pk>/report/", views.my_report, name="my_report"),
    path("communes/<int:commune_pk>/new/", views.team_create, name="team_create"),
    path("communes/<int:commune_pk>/ratings/<int:year>/", views.ratings, name="ratings"),
    path("communes/<int:commune_pk>/ratings/<int:year>/draft/", views.ratings_draft, name="ratings_draft"),
    path("communes/<int:commune_pk>/ratings/<int:year>/decide/", views.ratings_decide, name="ratings_decide"),
    path("communes/<int:commune_pk>/ratings/<int:year>/<int:rating_pk>/", views.rating_review, name="rating_review"),
    path("incidents/<int:pk>/dispute/", views.incident_record_dispute, name="incident_record_dispute"),
    path("<int:pk>/", views.team_detail, name="team_detail"),
    path("<int:pk>/duty/", views.team_duty, name="team_duty"),
    path("<int:pk>/duty/schedules/", views.schedule_create, name="schedule_create"),
    path("<int:pk>/duty/shifts/", views.shift_create, name="shift_create"),
    path("<int:pk>/duty/shifts/<int:shift_pk>/cancel/", views.shift_cancel, name="shift_cancel"),
    path("<int:pk>/tasks/", views.team_tasks, name="team_tasks"),
    path("<int:pk>/tasks/new/", views.task_give, name="task_give"),
    path("<int:pk>/tasks/<int:task_pk>/close/", views.task_close, name="task_close"),
    path("<int:pk>/members/", views.member_propose, name="member_propose"),
    path("<int:pk>/members/<int:member_pk>/recognise/", views.member_recognise, name="member_recognise"),
    path("<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("<int:pk>/members/<int:member_pk>/discipline/", views.member_discipline, name="member_discipline"),
    path("<int:pk>/members/<int:member_pk>/account/", views.member_account, name="member_account"),
]
