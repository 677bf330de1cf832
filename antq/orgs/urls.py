from django.urls import path

from antq.orgs import views

app_name = "orgs"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("units/<int:unit_pk>/organisations/new/", views.organisation_create, name="organisation_create"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("units/<int:unit_pk>/users/new/", views.user_create, name="user_create"),
    path("role-assignments/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
]
