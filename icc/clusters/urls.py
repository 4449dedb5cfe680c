"""Learning clusters (views/clusters.py) and the policy lab (views/lab.py), under /clusters/."""

from django.urls import URLPattern, URLResolver, path

from icc.clusters.views import clusters, lab

app_name = "clusters"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", clusters.cluster_list, name="cluster_list"),
    path("new/", clusters.cluster_create, name="cluster_create"),
    path("targets/", clusters.targets, name="targets"),
    path("<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("<int:pk>/edit/", clusters.cluster_edit, name="cluster_edit"),
    path("<int:pk>/status/", clusters.cluster_status, name="cluster_status"),
    path("<int:pk>/history/", clusters.cluster_history, name="cluster_history"),
    path("<int:pk>/matching/", clusters.matching, name="matching"),
    path("<int:pk>/members/", clusters.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", clusters.member_remove, name="member_remove"),
    path("<int:pk>/documents/", clusters.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", clusters.document_download, name="document_download"),
    path("<int:pk>/meetings/", clusters.meeting_link, name="meeting_link"),
    path("<int:pk>/meetings/new/", clusters.meeting_new, name="meeting_new"),
    path("<int:pk>/reports/new/", clusters.report_new, name="report_new"),
    path("reports/<int:pk>/", clusters.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", clusters.report_edit, name="report_edit"),
    # The policy lab
    path("lab/", lab.lab_list, name="lab_list"),
    path("lab/<int:pk>/", lab.lab_detail, name="lab_detail"),
    path("lab/<int:pk>/sessions/", lab.session_link, name="session_link"),
    path("lab/<int:pk>/calls/new/", lab.call_create, name="call_create"),
    path("lab/calls/<int:pk>/", lab.call_public, name="call_public"),
    path("lab/calls/<int:pk>/applications/", lab.call_applications, name="call_applications"),
    path("lab/applications/<int:pk>/", lab.application_detail, name="application_detail"),
]
