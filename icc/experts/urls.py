"""The experts' back-office pages, under /experts/. Each helper's views module adds its own lines here:
the pool (views/pool.py), the work (views/work.py, views/calendar.py), visits and profiles
(views/profiles.py)."""

from django.urls import URLPattern, URLResolver, path

from icc.experts.views import calendar, pool, profiles, work

app_name = "experts"

urlpatterns: list[URLPattern | URLResolver] = [
    # The pool: the secretariat's list, an expert's record, the pool figures and targets, personal data.
    path("", pool.expert_list, name="pool"),
    path("new/", pool.expert_create, name="expert_create"),
    path("me/", pool.my_record, name="my_record"),
    path("figures/", pool.pool_figures, name="pool_figures"),
    path("figures/targets/", pool.targets, name="targets"),
    path("figures/targets/<int:pk>/delete/", pool.target_delete, name="target_delete"),
    path("<int:pk>/", pool.expert_detail, name="expert_detail"),
    path("<int:pk>/edit/", pool.expert_edit, name="expert_edit"),
    path("<int:pk>/documents/", pool.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", pool.document_download, name="document_download"),
    path("<int:pk>/documents/<int:doc_pk>/delete/", pool.document_delete, name="document_delete"),
    path("<int:pk>/training/", pool.training_add, name="training_add"),
    path("<int:pk>/training/<int:training_pk>/delete/", pool.training_delete, name="training_delete"),
    path("<int:pk>/personal-data.json", pool.personal_data_export, name="personal_data_export"),
    path("<int:pk>/erase/", pool.erase, name="erase"),
    # Work: assignments, open calls, expenses, calendars (views/work.py, views/calendar.py)
    path("work/", work.assignment_list, name="assignment_list"),
    path("work/new/", work.assignment_create, name="assignment_create"),
    path("work/<int:pk>/", work.assignment_detail, name="assignment_detail"),
    path("work/<int:pk>/edit/", work.assignment_edit, name="assignment_edit"),
    path("work/<int:pk>/status/", work.assignment_status, name="assignment_status"),
    path("work/<int:pk>/team/", work.team_add, name="team_add"),
    path("work/<int:pk>/team/<int:member_pk>/lead/", work.team_lead, name="team_lead"),
    path("work/<int:pk>/team/<int:member_pk>/remove/", work.team_remove, name="team_remove"),
    path("work/<int:pk>/call/", work.call_toggle, name="call_toggle"),
    path("work/<int:pk>/history/", work.assignment_history, name="assignment_history"),
    path("work/mine/", work.my_work, name="my_work"),
    path("work/mine/<int:member_pk>/declaration/", work.declare, name="declare"),
    path("work/mine/<int:member_pk>/claim/", work.claim_new, name="claim_new"),
    path("calls/", work.call_list, name="calls"),
    path("calls/<int:pk>/answer/", work.call_answer, name="call_answer"),
    path("claims/", work.claim_list, name="claim_list"),
    path("claims/<int:pk>/", work.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/receipts/<int:receipt_pk>/", work.receipt_download, name="receipt_download"),
    path("coverage/", work.coverage, name="coverage"),
    path("calendar/", calendar.visits_calendar, name="visits_calendar"),
    path("calendar/visits.ics", calendar.visits_ics, name="visits_ics"),
    path("calendar/renew/", calendar.feed_renew, name="feed_renew"),
    path("calendar/visits/renew/", calendar.visits_feed_renew, name="visits_feed_renew"),
    path("calendar/<str:token>.ics", calendar.expert_feed, name="expert_feed"),
    # Visits and profiles (views/profiles.py)
    path("visits/", profiles.visit_list, name="visit_list"),
    path("visits/<int:pk>/", profiles.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/record/", profiles.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/documents/", profiles.visit_document_upload, name="visit_document_upload"),
    path(
        "visits/<int:pk>/documents/<int:doc_pk>/",
        profiles.visit_document_download,
        name="visit_document_download",
    ),
    path(
        "visits/<int:pk>/documents/<int:doc_pk>/delete/",
        profiles.visit_document_delete,
        name="visit_document_delete",
    ),
    path("visits/<int:pk>/profiles/", profiles.profile_start, name="profile_start"),
    path("profiles/<int:pk>/", profiles.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/history/", profiles.profile_history, name="profile_history"),
    path("profiles/<int:pk>/draft/", profiles.profile_draft, name="profile_draft"),
    path("profiles/<int:pk>/draft/<slug:part>/", profiles.profile_save, name="profile_save"),
    path("profiles/<int:pk>/submit/", profiles.profile_submit, name="profile_submit"),
    path("profiles/<int:pk>/review/", profiles.profile_review, name="profile_review"),
    path("profiles/<int:pk>/share/", profiles.profile_share, name="profile_share"),
    path("profiles/<int:pk>/publication/", profiles.profile_publication, name="profile_publication"),
]
