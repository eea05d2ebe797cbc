"""A peer worker's own pages, under /peers/ (names: web:peers:<name>)."""

from django.urls import path

from web.peers import views

app_name = "peers"

urlpatterns = [
    path("supervision/", views.supervision, name="supervision"),
    path("training/", views.training, name="training"),
    path("competences/", views.competences, name="competences"),
    path("progression/", views.progression, name="progression"),
    path("wellbeing/", views.wellbeing, name="wellbeing"),
    path("wellbeing/plan/", views.wellness_plan, name="wellness-plan"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder-dismiss"),
    path("reminders/<int:pk>/snooze/", views.reminder_snooze, name="reminder-snooze"),
]
