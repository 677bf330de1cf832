from django.urls import path

from antq.committees import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="committee_list"),
    path("<int:pk>/", views.committee_detail, name="committee_detail"),
    path("<int:pk>/below.xlsx", views.committee_below_xlsx, name="committee_below_xlsx"),
    path("<int:pk>/review.docx", views.committee_review_docx, name="committee_review_docx"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("<int:pk>/rules/", views.committee_rules_file, name="committee_rules_file"),
    path("<int:pk>/meetings/new/", views.meeting_record, name="meeting_record"),
    path("members/<int:pk>/end/", views.member_end_term, name="member_end_term"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
    path("decisions/<int:pk>/follow-up/", views.decision_follow_up, name="decision_follow_up"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes_file, name="meeting_minutes_file"),
    path("units/<int:unit_pk>/new/", views.committee_create, name="committee_create"),
]
