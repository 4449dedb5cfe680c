"""Residents' questionnaires: the pages for signed-in people, under /surveys/ (icc/surveys/views/work.py)."""

from django.urls import URLPattern, URLResolver, path

from icc.surveys.views import work

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", work.survey_list, name="list"),
    path("new/", work.survey_create, name="create"),
    path("<int:pk>/", work.survey_detail, name="detail"),
    path("<int:pk>/edit/", work.survey_edit, name="edit"),
    path("<int:pk>/history/", work.survey_history, name="history"),
    path("<int:pk>/publish/", work.survey_publish, name="publish"),
    path("<int:pk>/results.<str:fmt>", work.survey_export, name="export"),
    path("<int:pk>/import/", work.answers_import, name="import"),
    path("<int:pk>/import/template.csv", work.import_template, name="import_template"),
]
