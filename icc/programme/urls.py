"""The programme's objectives, targets and risks: the pages for signed-in people, under /programme/."""

from django.urls import URLPattern, URLResolver, path

from icc.programme import views

app_name = "programme"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("recompute/", views.recompute, name="recompute"),
    path("targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("targets/<int:pk>/history/", views.target_history, name="target_history"),
    path("risks/", views.risk_list, name="risk_list"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/history/", views.risk_history, name="risk_history"),
    path("risks/<int:pk>/actions/", views.action_add, name="action_add"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>.pdf", views.report_download, name="report_download"),
    path("export/targets.<str:fmt>", views.export_targets, name="export_targets"),
    path("export/risks.<str:fmt>", views.export_risks, name="export_risks"),
]
