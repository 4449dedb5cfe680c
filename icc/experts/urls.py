"""The experts' back-office pages, under /experts/. Each helper's views module adds its own lines here:
the pool (views/pool.py), the work (views/work.py, views/calendar.py), visits and profiles
(views/profiles.py)."""

from django.urls import URLPattern, URLResolver, path

from icc.experts.views import pool, profiles

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
