"""Funding and partners: the pages for signed-in people, under /funding/ (the secretariat's alone)."""

from django.urls import URLPattern, URLResolver, path

from icc.funding.views import finance, partners

app_name = "funding"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", finance.year_list, name="year_list"),
    path("<int:year>/", finance.year_detail, name="year_detail"),
    path("<int:year>/export.<str:fmt>", finance.year_export, name="year_export"),
    path("lines/new/", finance.line_create, name="line_create"),
    path("lines/<int:pk>/", finance.line_edit, name="line_edit"),
    path("lines/<int:pk>/delete/", finance.line_delete, name="line_delete"),
    path("projects/", finance.project_list, name="project_list"),
    path("projects/new/", finance.project_form, name="project_create"),
    path("projects/<int:pk>/", finance.project_form, name="project_edit"),
    path("donors/", finance.donor_list, name="donor_list"),
    path("donors/new/", finance.donor_form, name="donor_create"),
    path("donors/<int:pk>/", finance.donor_form, name="donor_edit"),
    path("applications/", finance.application_list, name="application_list"),
    path("applications/new/", finance.application_create, name="application_create"),
    path("applications/<int:pk>/", finance.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", finance.application_edit, name="application_edit"),
    path("applications/<int:pk>/status/", finance.application_status, name="application_status"),
    path("applications/<int:pk>/history/", finance.application_history, name="application_history"),
    path("costs/new/", finance.cost_form, name="cost_create"),
    path("costs/import/", finance.cost_import, name="cost_import"),
    path("costs/<int:pk>/", finance.cost_form, name="cost_edit"),
    path("costs/<int:pk>/delete/", finance.cost_delete, name="cost_delete"),
    path("costs/<int:pk>/receipt/", finance.cost_receipt, name="cost_receipt"),
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/new/", partners.partner_form, name="partner_create"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partners.partner_form, name="partner_edit"),
    path("partners/<int:pk>/history/", partners.partner_history, name="partner_history"),
    path("partners/<int:pk>/agreements/new/", partners.agreement_add, name="agreement_add"),
    path(
        "partners/<int:pk>/documents/<int:document>/",
        partners.agreement_document,
        name="agreement_document",
    ),
    path("partners/<int:pk>/contributions/new/", partners.contribution_add, name="contribution_add"),
    path("partners/<int:pk>/contacts/new/", partners.contact_add, name="contact_add"),
    path("partners/<int:pk>/contacts/<int:contact>/delete/", partners.contact_delete, name="contact_delete"),
    path("partners/<int:pk>/activities/new/", partners.activity_add, name="activity_add"),
    path(
        "partners/<int:pk>/activities/<int:activity>/delete/",
        partners.activity_delete,
        name="activity_delete",
    ),
]
