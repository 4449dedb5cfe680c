"""Policy self-assessment tools: the pages for signed-in people, under /policy-tools/."""

from django.urls import URLPattern, URLResolver, path

from icc.policytools import views

app_name = "policytools"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("checklists/<slug:key>/", views.checklist_detail, name="checklist_detail"),
    path("checklists/<slug:key>/start/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/answer/", views.assessment_answer, name="assessment_answer"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="assessment_complete"),
    path("assessments/<int:pk>/history/", views.assessment_history, name="assessment_history"),
    path("overview/", views.overview, name="overview"),
    path("overview.<str:fmt>", views.overview_export, name="overview_export"),
]
