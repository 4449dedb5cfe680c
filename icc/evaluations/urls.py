"""Evaluations of strategies' implementation: the pages for signed-in people, under /evaluations/."""

from django.urls import URLPattern, URLResolver, path

from icc.evaluations.views import entry, evaluations, report

app_name = "evaluations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", evaluations.evaluation_list, name="list"),
    path("new/", evaluations.evaluation_create, name="create"),
    path("<int:pk>/", evaluations.evaluation_detail, name="detail"),
    path("<int:pk>/history/", evaluations.evaluation_history, name="history"),
    path("<int:pk>/open/", evaluations.evaluation_open, name="open"),
    path("<int:pk>/submit/", evaluations.evaluation_submit, name="submit"),
    path("<int:pk>/return/", evaluations.evaluation_return, name="return"),
    path("<int:pk>/expert/", evaluations.expert_assign, name="expert_assign"),
    path("<int:pk>/next-strategy/", evaluations.next_strategy_link, name="next_strategy"),
    path("<int:pk>/instrument/", evaluations.instrument, name="instrument"),
    path("<int:pk>/instrument/questions/", evaluations.question_add, name="question_add"),
    path("<int:pk>/instrument/questions/<int:question_pk>/", evaluations.question_edit, name="question_edit"),
    path(
        "<int:pk>/instrument/questions/<int:question_pk>/remove/",
        evaluations.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/sections/<int:section_pk>/", entry.section, name="section"),
    path("<int:pk>/questions/<int:question_pk>/answer/", entry.answer_save, name="answer_save"),
    path("<int:pk>/questions/<int:question_pk>/evidence/", entry.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:file_pk>/", entry.evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:file_pk>/remove/", entry.evidence_delete, name="evidence_delete"),
    path("<int:pk>/report/", report.report_detail, name="report"),
    path("<int:pk>/report/save/", report.report_save, name="report_save"),
    path("<int:pk>/report/move/", report.report_move, name="report_move"),
    path("<int:pk>/report/recommendations/", report.recommendation_add, name="recommendation_add"),
    path(
        "<int:pk>/report/recommendations/<int:recommendation_pk>/remove/",
        report.recommendation_remove,
        name="recommendation_remove",
    ),
]
