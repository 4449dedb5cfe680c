from django.urls import URLPattern, URLResolver, path

from icc.reports.views import audit, batches, city_reports, network

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    # Network reports (secretariat): all rounds, and one round; the downloads keep the page's filters.
    path("network/", network.network_all, name="network_all"),
    path("network.csv", network.network_all_csv, name="network_all_csv"),
    path("network.xlsx", network.network_all_xlsx, name="network_all_xlsx"),
    path("network.pdf", network.network_all_pdf, name="network_all_pdf"),
    path("network/rounds/<int:pk>/", network.network_round, name="network_round"),
    path("network/rounds/<int:pk>.csv", network.network_round_csv, name="network_round_csv"),
    path("network/rounds/<int:pk>.xlsx", network.network_round_xlsx, name="network_round_xlsx"),
    path("network/rounds/<int:pk>.pdf", network.network_round_pdf, name="network_round_pdf"),
    # A round's statistical audit as a PDF annex (the secretariat's page is index:round_audit).
    path("network/rounds/<int:pk>/audit.pdf", audit.round_audit_pdf, name="round_audit_pdf"),
    # City reports: drafts, commentary, sharing, publishing, versions (icc/reports/views/city_reports.py)
    path("manage/", city_reports.report_list, name="report_list"),
    path("manage/responses/<int:pk>/", city_reports.response_report, name="response_report"),
    path(
        "manage/responses/<int:pk>/generate/",
        city_reports.response_report_generate,
        name="response_report_generate",
    ),
    path("manage/<int:pk>/", city_reports.report_detail, name="report_detail"),
    path("manage/<int:pk>/commentary/", city_reports.report_commentary, name="report_commentary"),
    path("manage/<int:pk>/generate/", city_reports.report_generate, name="report_generate"),
    path("manage/<int:pk>/experts/", city_reports.report_experts, name="report_experts"),
    path("manage/<int:pk>/share/", city_reports.report_share, name="report_share"),
    path("manage/<int:pk>/publish/", city_reports.report_publish, name="report_publish"),
    path("manage/<int:pk>/draft/<str:lang>.pdf", city_reports.draft_pdf, name="draft_pdf"),
    path("manage/versions/<int:pk>/", city_reports.version_detail, name="version_detail"),
    path("manage/versions/<int:pk>/<str:lang>.pdf", city_reports.version_pdf, name="version_pdf"),
    path("published/<int:pk>/<str:lang>.pdf", city_reports.published_pdf, name="published_pdf"),
    # A round's reports and the batches that generate them (icc/reports/views/batches.py)
    path("manage/rounds/<int:pk>/", batches.round_reports, name="round_reports"),
    path("manage/rounds/<int:pk>/batches/", batches.batch_start, name="batch_start"),
    path("manage/batches/<int:pk>/", batches.batch_progress, name="batch_progress"),
]
