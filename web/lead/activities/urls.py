"""Pages of the lead workspace: activities, under /lead/activities/ (names: web:lead:activities-<page>)."""

from django.urls import path

from web.lead.activities import views

urlpatterns = [
    path("", views.activity_list, name="activities-list"),
    path("calendar/", views.activity_calendar, name="activities-calendar"),
    path("calendar/<int:year>/<int:month>/", views.activity_calendar, name="activities-calendar-month"),
    path("new/", views.activity_new, name="activities-new"),
    path("<int:pk>/", views.activity_detail, name="activities-detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activities-edit"),
    path("<int:pk>/open/", views.activity_open, name="activities-open"),
    path("<int:pk>/held/", views.activity_held, name="activities-held"),
    path("<int:pk>/close/", views.activity_close, name="activities-close"),
    path("<int:pk>/cancel/", views.activity_cancel, name="activities-cancel"),
    path("<int:pk>/invite/person/", views.invite_person, name="activities-invite-person"),
    path("<int:pk>/invite/matching/", views.invite_matching, name="activities-invite-matching"),
    path("<int:pk>/people/<int:participation_pk>/reply/", views.reply, name="activities-reply"),
    path("<int:pk>/attendance-sheet/", views.attendance_sheet, name="activities-sheet"),
    path("<int:pk>/attendance/", views.attendance, name="activities-attendance"),
]
