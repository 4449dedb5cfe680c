"""Evidence of impact: the pages for the secretariat, under /impact/."""

from django.urls import URLPattern, URLResolver, path

from icc.impact import views

app_name = "impact"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes/template.csv", views.outcomes_template, name="outcomes_template"),
    path("outcomes/export.<str:fmt>", views.outcomes_export, name="outcomes_export"),
    path("outcomes/import/<str:token>/", views.outcomes_review, name="outcomes_review"),
    path("runs/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/results.<str:fmt>", views.run_export, name="run_export"),
    path("runs/<int:pk>/publish/", views.study_publish, name="study_publish"),
    path("studies/<int:pk>/withdraw/", views.study_withdraw, name="study_withdraw"),
    path("studies/<int:pk>/history/", views.study_history, name="study_history"),
]
