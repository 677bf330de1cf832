from django.urls import path

from antq.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/areas/new/", views.area_create, name="area_create"),
    path("<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("<int:pk>/close/", views.area_close, name="area_close"),
]
public_urlpatterns = [
    path("communes/", views.public_communes, name="communes"),
    path("areas/", views.public_areas, name="areas"),
    path("communes/nearest/", views.public_nearest_commune, name="nearest_commune"),
]
