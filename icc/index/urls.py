from django.urls import path

from icc.index.views import audit, entry, exchange, networks, questionnaires, review, rounds, scores

app_name = "index"

urlpatterns = [
    # Questionnaire versions
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/<slug:key>/", questionnaires.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<slug:key>.json", questionnaires.questionnaire_json, name="questionnaire_json"),
    # Rounds (secretariat)
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/invite/", rounds.round_invite, name="round_invite"),
    path("rounds/<int:pk>/remind/", rounds.round_remind, name="round_remind"),
    path("rounds/<int:pk>/status/", rounds.round_status, name="round_status"),
    path("rounds/<int:pk>/export.<str:fmt>", exchange.round_export, name="round_export"),
    path("rounds/<int:pk>/scores/", scores.round_scores, name="round_scores"),
    path("rounds/<int:pk>/scores.csv", scores.round_scores_csv, name="round_scores_csv"),
    path("rounds/<int:pk>/scores/recompute/", scores.round_scores_recompute, name="round_scores_recompute"),
    path("rounds/<int:pk>/audit/", audit.round_audit, name="round_audit"),
    path("rounds/<int:pk>/publication/", scores.round_publication, name="round_publication"),
    # A national network's cities and their questionnaires (the network's coordinator)
    path("networks/<slug:slug>/", networks.network_status, name="network_status"),
    # A city's response (data entry)
    path("responses/", entry.my_responses, name="my_responses"),
    path("responses/<int:pk>/", entry.response_detail, name="response_detail"),
    path("responses/<int:pk>/sections/<slug:area>/", entry.response_section, name="response_section"),
    path("responses/<int:pk>/answers/<str:question>/", entry.answer_save, name="answer_save"),
    path("responses/<int:pk>/answers/<str:question>/files/", entry.evidence_upload, name="evidence_upload"),
    path("responses/<int:pk>/files/<int:file_pk>/", entry.evidence_download, name="evidence_download"),
    path("responses/<int:pk>/files/<int:file_pk>/delete/", entry.evidence_delete, name="evidence_delete"),
    path("responses/<int:pk>/assign/", entry.response_assign, name="response_assign"),
    path("responses/<int:pk>/submit/", entry.response_submit, name="response_submit"),
    # Review (secretariat)
    path("responses/<int:pk>/review/", review.response_review, name="response_review"),
    path("responses/<int:pk>/threads/new/", review.thread_create, name="thread_create"),
    path("responses/<int:pk>/threads/<int:thread_pk>/", review.thread_reply, name="thread_reply"),
    path("responses/<int:pk>/return/", review.response_return, name="response_return"),
    path("responses/<int:pk>/validate/", review.response_validate, name="response_validate"),
    path("responses/<int:pk>/reopen/", review.response_reopen, name="response_reopen"),
    path("responses/<int:pk>/history/", review.response_history, name="response_history"),
    path("responses/<int:pk>/answers/<str:question>/history/", review.answer_history, name="answer_history"),
    # Scores (the secretariat and the city until results are published) and how they are computed
    path("responses/<int:pk>/scores/", scores.response_scores, name="response_scores"),
    path("responses/<int:pk>/publication/", scores.response_publication, name="response_publication"),
    path("responses/<int:pk>/scores/explain/", scores.score_trace, name="score_trace"),
    path("responses/<int:pk>/scores/explain/<str:area>/", scores.score_trace, name="score_trace"),
    # Offline work
    path("responses/<int:pk>/export.xlsx", exchange.response_xlsx, name="response_xlsx"),
    path("responses/<int:pk>/import/", exchange.response_import, name="response_import"),
    path(
        "responses/<int:pk>/import/<str:token>/",
        exchange.response_import_review,
        name="response_import_review",
    ),
]
