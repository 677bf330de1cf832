from django.urls import path

from antq.mediation import views

app_name = "mediation"
urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("communes/<int:commune_pk>/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/mediators/", views.mediator_add, name="mediator_add"),
    path("mediators/<int:pk>/end/", views.mediator_end_term, name="mediator_end_term"),
]
