from django.urls import path

from icc.network.views import accession, cities, dashboard, expansion, fees, networks, transfer

app_name = "network"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # Cities
    path("cities/", cities.city_list, name="city_list"),
    path("cities/new/", cities.city_create, name="city_create"),
    path("cities/<slug:slug>/", cities.city_detail, name="city_detail"),
    path("cities/<slug:slug>/edit/", cities.city_edit, name="city_edit"),
    path("cities/<slug:slug>/status/", cities.city_status, name="city_status"),
    path("cities/<slug:slug>/history/", cities.city_history, name="city_history"),
    path("cities/<slug:slug>/contacts/new/", cities.contact_create, name="contact_create"),
    path("cities/<slug:slug>/contacts/<int:pk>/edit/", cities.contact_edit, name="contact_edit"),
    path("cities/<slug:slug>/contacts/<int:pk>/delete/", cities.contact_delete, name="contact_delete"),
    # Accession
    path("accession/", accession.pipeline, name="pipeline"),
    path("cities/<slug:slug>/accession/", accession.record_step, name="accession_record"),
    path(
        "cities/<slug:slug>/accession/documents/<int:pk>/",
        accession.document_download,
        name="accession_document",
    ),
    # Expansion and settings
    path("expansion/", expansion.expansion, name="expansion"),
    path("settings/", expansion.settings_edit, name="settings"),
    path("settings/targets/new/", expansion.target_create, name="target_create"),
    path("settings/targets/<int:pk>/edit/", expansion.target_edit, name="target_edit"),
    path("settings/targets/<int:pk>/delete/", expansion.target_delete, name="target_delete"),
    path("settings/fees/", expansion.annual_fee_edit, name="annual_fee_edit"),
    # Fees
    path("fees/", fees.fee_list, name="fee_list"),
    path("fees/outstanding/", fees.outstanding, name="fee_outstanding"),
    path("fees/open-year/", fees.open_year, name="fee_open_year"),
    path("fees/<int:pk>/", fees.period_edit, name="fee_edit"),
    path("cities/<slug:slug>/fees/", fees.city_fees, name="city_fees"),
    # National networks
    path("networks/", networks.network_list, name="network_list"),
    path("networks/new/", networks.network_create, name="network_create"),
    path("networks/<slug:slug>/", networks.network_detail, name="network_detail"),
    path("networks/<slug:slug>/edit/", networks.network_edit, name="network_edit"),
    path("networks/<slug:slug>/history/", networks.network_history, name="network_history"),
    path("networks/<slug:slug>/plans/new/", networks.plan_create, name="plan_create"),
    path("networks/<slug:slug>/plans/<int:pk>/", networks.plan_detail, name="plan_detail"),
    path("networks/<slug:slug>/plans/<int:pk>/edit/", networks.plan_edit, name="plan_edit"),
    path("networks/<slug:slug>/plans/<int:pk>/submit/", networks.plan_submit, name="plan_submit"),
    path("networks/<slug:slug>/plans/<int:pk>/decide/", networks.plan_decide, name="plan_decide"),
    path("networks/<slug:slug>/plans/<int:pk>/document/", networks.plan_document, name="plan_document"),
    # Import and export
    path("register/import/", transfer.import_upload, name="import_upload"),
    path("register/import/<str:token>/", transfer.import_review, name="import_review"),
    path("register/export.<str:fmt>", transfer.export_register, name="export_register"),
]
