"""The permission matrix rows of icc/funding (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
Funding and partners' records are the secretariat's alone (403 for anyone else signed in); the public
partners page is public."""

from typing import Any

from tests.test_permission_matrix import PUBLIC, SECRETARIAT_ONLY


def _funding(o: dict[str, Any]) -> dict[str, Any]:
    """A donor and an application, a budget line, an EU project, a cost with its receipt, a partner with
    an agreement (and its document), a contact and an event it took part in."""
    if "funding" not in o:
        import datetime
        from decimal import Decimal

        from django.core.files.base import ContentFile

        from icc.accounts.models import User
        from icc.funding.models import (
            AgreementDocument,
            BudgetLine,
            CostReceipt,
            FundingProject,
            OtherCost,
            PartnerActivity,
            PartnerAgreement,
            PartnerContact,
        )
        from tests.activities.helpers import make_event
        from tests.funding.helpers import make_application, make_partner

        alice = User.objects.get(email="alice@example.org")
        application = make_application(alice)
        line = BudgetLine.objects.create(year=2026, source="ordinary", planned=Decimal("600000"))
        project = FundingProject.objects.create(
            name="ICC-EU",
            starts_on=datetime.date(2017, 1, 1),
            ends_on=datetime.date(2018, 12, 31),
            amount=Decimal("500000"),
            cofunding_rate=Decimal("80"),
        )
        cost = OtherCost.objects.create(
            category="translation", date=datetime.date(2026, 4, 1), amount=Decimal("900")
        )
        receipt = CostReceipt(cost=cost, name="receipt.pdf", size=9)
        receipt.file.save("receipt.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        receipt.save()
        partner = make_partner(alice)
        agreement = PartnerAgreement.objects.create(
            partner=partner, title="Memorandum", starts_on=datetime.date(2020, 1, 1)
        )
        document = AgreementDocument(agreement=agreement, name="mou.pdf", size=9)
        document.file.save("mou.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        contact = PartnerContact.objects.create(partner=partner, name="Rachel Perić", role="Director")
        activity = PartnerActivity.objects.create(partner=partner, event=make_event(actor=alice))
        o["funding"] = {
            "application": application,
            "donor": application.donor,
            "line": line,
            "project": project,
            "cost": cost,
            "partner": partner,
            "document": document,
            "contact": contact,
            "activity": activity,
        }
    return o["funding"]


def _f(o: dict[str, Any], name: str) -> Any:
    return _funding(o)[name]


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("funding:year_list", lambda o: "/funding/", SECRETARIAT_ONLY),
    ("funding:year_detail", lambda o: "/funding/2026/", SECRETARIAT_ONLY),
    ("funding:year_export", lambda o: "/funding/2026/export.xlsx", SECRETARIAT_ONLY),
    ("funding:line_create", lambda o: "/funding/lines/new/?year=2026", SECRETARIAT_ONLY),
    ("funding:line_edit", lambda o: f"/funding/lines/{_f(o, 'line').pk}/", SECRETARIAT_ONLY),
    ("funding:project_list", lambda o: "/funding/projects/", SECRETARIAT_ONLY),
    ("funding:project_create", lambda o: "/funding/projects/new/", SECRETARIAT_ONLY),
    ("funding:project_edit", lambda o: f"/funding/projects/{_f(o, 'project').pk}/", SECRETARIAT_ONLY),
    ("funding:donor_list", lambda o: "/funding/donors/", SECRETARIAT_ONLY),
    ("funding:donor_create", lambda o: "/funding/donors/new/", SECRETARIAT_ONLY),
    ("funding:donor_edit", lambda o: f"/funding/donors/{_f(o, 'donor').pk}/", SECRETARIAT_ONLY),
    ("funding:application_list", lambda o: "/funding/applications/", SECRETARIAT_ONLY),
    ("funding:application_create", lambda o: "/funding/applications/new/", SECRETARIAT_ONLY),
    (
        "funding:application_detail",
        lambda o: f"/funding/applications/{_f(o, 'application').pk}/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:application_edit",
        lambda o: f"/funding/applications/{_f(o, 'application').pk}/edit/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:application_history",
        lambda o: f"/funding/applications/{_f(o, 'application').pk}/history/",
        SECRETARIAT_ONLY,
    ),
    ("funding:cost_create", lambda o: "/funding/costs/new/", SECRETARIAT_ONLY),
    ("funding:cost_import", lambda o: "/funding/costs/import/", SECRETARIAT_ONLY),
    ("funding:cost_edit", lambda o: f"/funding/costs/{_f(o, 'cost').pk}/", SECRETARIAT_ONLY),
    ("funding:cost_receipt", lambda o: f"/funding/costs/{_f(o, 'cost').pk}/receipt/", SECRETARIAT_ONLY),
    ("funding:partner_list", lambda o: "/funding/partners/", SECRETARIAT_ONLY),
    ("funding:partner_create", lambda o: "/funding/partners/new/", SECRETARIAT_ONLY),
    ("funding:partner_detail", lambda o: f"/funding/partners/{_f(o, 'partner').pk}/", SECRETARIAT_ONLY),
    ("funding:partner_edit", lambda o: f"/funding/partners/{_f(o, 'partner').pk}/edit/", SECRETARIAT_ONLY),
    (
        "funding:partner_history",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/history/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:agreement_add",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/agreements/new/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:agreement_document",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/documents/{_f(o, 'document').pk}/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:contribution_add",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/contributions/new/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:contact_add",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/contacts/new/",
        SECRETARIAT_ONLY,
    ),
    (
        "funding:activity_add",
        lambda o: f"/funding/partners/{_f(o, 'partner').pk}/activities/new/",
        SECRETARIAT_ONLY,
    ),
    ("public:funding:partner_list", lambda o: "/en/funding/partners/", PUBLIC),
]
NOT_IN_MATRIX: set[str] = {
    # POST only, the secretariat's alone (tests/funding/test_pages.py).
    "funding:line_delete",
    "funding:application_status",
    "funding:cost_delete",
    "funding:contact_delete",
    "funding:activity_delete",
}
