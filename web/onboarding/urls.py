"""onboarding pages, under /onboarding/ (names: web:onboarding:<name>).

`web:onboarding:checklist` with kwarg `worker` (a PeerWorker id) is one worker's checklist: other
parts link to it by that name.
"""

from django.urls import path

from web.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.checklist_list, name="list"),
    path("without/", views.without_list, name="without"),
    path("tasks/", views.tasks, name="tasks"),
    path("mine/", views.mine, name="mine"),
    path("report/", views.report, name="report"),
    path("template/", views.template, name="template"),
    path("template/new/", views.template_new, name="template-new"),
    path("template/<int:pk>/edit/", views.template_edit, name="template-edit"),
    path("template/<int:pk>/move/", views.template_move, name="template-move"),
    path("template/<int:pk>/stop/", views.template_deactivate, name="template-deactivate"),
    path("template/<int:pk>/use/", views.template_activate, name="template-activate"),
    path("<int:worker>/", views.checklist, name="checklist"),
    path("<int:worker>/start/", views.checklist_start, name="start"),
    path("<int:worker>/steps/new/", views.step_new, name="step-new"),
    path("<int:worker>/steps/<int:pk>/done/", views.step_done, name="step-done"),
    path("<int:worker>/steps/<int:pk>/not-done/", views.step_undone, name="step-undone"),
    path("<int:worker>/steps/<int:pk>/change/", views.step_change, name="step-change"),
    path("<int:worker>/steps/<int:pk>/remove/", views.step_remove, name="step-remove"),
]
