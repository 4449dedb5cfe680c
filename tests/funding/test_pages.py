"""The secretariat's funding pages, the year overview and its exports, the partners, the public page, the API
and the needs-you item."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from icc.activities.models import FundingRequest, FundingStatus, Registration, RegistrationStatus
from icc.core.attention import attention_for
from icc.experts.models import ClaimStatus, ExpenseClaim
from icc.funding import services
from icc.funding.models import ApplicationStatus, BudgetLine, FundingApplication, PartnerContact
from icc.funding.selectors import funding_for_year
from icc.network.models import FeeStatus
from tests.activities.helpers import make_contact, make_event
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert, put_on_team
from tests.factories import MembershipPeriodFactory
from tests.funding.helpers import make_application, make_donor, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(alice, lyon, porto):
    """2025: an ordinary budget, Lyon's fee paid and Porto's due, a grant, an expert visit to Lyon with its
    claim approved, travel funding approved for a Lyon participant, and a translation cost."""
    BudgetLine.objects.create(
        year=2025, source="ordinary", planned=Decimal("600000"), actual=Decimal("590000")
    )
    MembershipPeriodFactory(city=lyon, year=2025, amount=Decimal("5000"), status=FeeStatus.PAID)
    MembershipPeriodFactory(city=porto, year=2025, amount=Decimal("4000"))
    application = make_application(alice, year=2025, amount_asked=Decimal("50000"))
    services.application_set_status(application=application, status=ApplicationStatus.SUBMITTED, by=alice)
    services.application_set_status(
        application=application, status=ApplicationStatus.GRANTED, amount_granted=Decimal("40000"), by=alice
    )
    visit = make_assignment(city=lyon, starts_on=datetime.date(2025, 5, 12))
    member = put_on_team(visit, make_expert("Irena Guidikova"), lead=True)
    ExpenseClaim.objects.create(
        assignment_expert=member,
        status=ClaimStatus.APPROVED,
        travel=Decimal("300"),
        subsistence=Decimal("200"),
        fee=Decimal("1200"),
    )
    event = make_event(
        actor=alice,
        starts_at=datetime.datetime(2025, 10, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 10, 2, 17, tzinfo=datetime.UTC),
    )
    registration = Registration.objects.create(
        event=event, contact=make_contact(), city=lyon, status=RegistrationStatus.REGISTERED
    )
    FundingRequest.objects.create(
        registration=registration,
        status=FundingStatus.APPROVED,
        travel_requested=Decimal("400"),
        travel_approved=Decimal("350"),
    )
    services.other_cost_save(
        values={"category": "translation", "date": datetime.date(2025, 6, 1), "amount": Decimal("2500")},
        by=alice,
    )
    return application


def test_the_year_reads_fees_grants_expert_claims_and_events_from_their_records(year_2025):
    funding = funding_for_year(2025)
    income = {line.label: line.amount for line in funding.income}
    spending = {line.label: line.amount for line in funding.spending}
    assert income["Council of Europe ordinary budget"] == Decimal("590000")
    assert income["Member cities' fees"] == Decimal("5000")  # paid only: Porto's fee is still due
    assert income["Voluntary contribution: Open Society Foundations"] == Decimal("40000")
    assert spending["Expert fees"] == Decimal("1200")
    assert spending["Experts' travel and subsistence"] == Decimal("500")
    assert spending["Other costs: translation and interpretation"] == Decimal("2500")
    assert funding.income_total == Decimal("635000")
    # Approved but not yet paid travel funding is committed, not spent.
    assert "Events: participants' travel funding" not in spending


def test_the_year_page_shows_income_spending_balance_charts_and_each_citys_fee_against_services(
    year_2025, as_alice
):
    page = as_alice.get("/funding/2025/").content.decode()
    assert "Council of Europe ordinary budget" in page
    assert "590,000.00" in page
    assert "<svg" in page
    assert "Anti-rumour training for 10 cities" in page
    # Lyon paid 5,000 and received 1,700 of expert work and 350 of travel funding.
    assert "2,950.00" in page


def test_the_year_page_is_in_french_with_french_numbers(year_2025, alice):
    client = client_for(alice)
    page = client.get("/funding/2025/", headers={"accept-language": "fr"}).content.decode()
    assert "590\u202f000,00" in page or "590 000,00" in page or "590\xa0000,00" in page


def test_the_year_exports_as_csv_and_xlsx(year_2025, as_alice):
    csv_text = as_alice.get("/funding/2025/export.csv").content.decode("utf-8-sig")
    assert "Council of Europe ordinary budget,600000.00,590000.00" in csv_text
    response = as_alice.get("/funding/2025/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["2025", "Fees and services", "Applications"]
    cities = [row[0].value for row in workbook["Fees and services"].iter_rows(min_row=2)]
    assert set(cities) == {"Lyon", "Porto"}
    assert as_alice.get("/funding/2025/export.pdf").status_code == 404


def test_the_secretariat_records_an_application_and_moves_it_on(alice, as_alice):
    donor = make_donor(alice)
    response = as_alice.post(
        "/funding/applications/new/",
        {"donor": donor.pk, "title": "Roma inclusion pilot", "year": 2026, "amount_asked": "120000"},
    )
    application = FundingApplication.objects.get(title="Roma inclusion pilot")
    assert response.headers["location"] == f"/funding/applications/{application.pk}/"
    as_alice.post(f"/funding/applications/{application.pk}/status/", {"status": "submitted"})
    as_alice.post(
        f"/funding/applications/{application.pk}/status/", {"status": "granted", "amount_granted": "90000"}
    )
    application.refresh_from_db()
    assert (application.status, application.amount_granted) == ("granted", Decimal("90000.00"))
    history = as_alice.get(f"/funding/applications/{application.pk}/history/").content.decode()
    assert "status changed to granted" in history


def test_a_refused_move_says_why_and_changes_nothing(alice, as_alice):
    application = make_application(alice)
    response = as_alice.post(
        f"/funding/applications/{application.pk}/status/", {"status": "granted"}, follow=True
    )
    assert "Cannot go from" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"


def test_bad_input_is_refused_on_its_field(alice, as_alice):
    response = as_alice.post("/funding/lines/new/", {"year": 2026, "source": "eu", "planned": "1000"})
    assert response.status_code == 200
    assert "Choose the EU joint project" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_others_may_not_post_to_the_secretariats_actions(alice, bob, lyon):
    application = make_application(alice)
    response = client_for(bob).post(
        f"/funding/applications/{application.pk}/status/", {"status": "submitted"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_partners_page_holds_agreements_contributions_contacts_and_events(alice, as_alice):
    partner = make_partner(alice)
    as_alice.post(
        f"/funding/partners/{partner.pk}/contributions/new/",
        {"year": 2026, "kind": "cash", "amount": "15000", "description": "Study visits"},
    )
    as_alice.post(
        f"/funding/partners/{partner.pk}/contacts/new/",
        {"name": "Rachel Perić", "role": "Director", "email": "rachel@example.org"},
    )
    event = make_event(actor=alice)
    as_alice.post(f"/funding/partners/{partner.pk}/activities/new/", {"event": event.pk, "role": "speaker"})
    page = as_alice.get(f"/funding/partners/{partner.pk}/").content.decode()
    assert "Study visits" in page
    assert "rachel@example.org" in page
    assert event.title in page
    # A cash contribution counts in its year's income.
    income = {line.label: line.amount for line in funding_for_year(2026).income}
    assert income["Partners' cash contributions"] == Decimal("15000")
    contact = PartnerContact.objects.get()
    as_alice.post(f"/funding/partners/{partner.pk}/contacts/{contact.pk}/delete/")
    assert not PartnerContact.objects.exists()


def test_the_public_page_and_the_api_list_only_public_partners_and_no_contact(alice):
    partner = make_partner(alice)
    make_partner(alice, "Hidden University", public=False)
    PartnerContact.objects.create(partner=partner, name="Rachel Perić", email="rachel@example.org")
    page = client_for(None).get("/en/funding/partners/").content.decode()
    assert "Welcoming America" in page
    assert "Hidden University" not in page
    assert "rachel@example.org" not in page
    french = client_for(None).get("/fr/funding/partners/").content.decode()
    assert "Un réseau de communautés accueillantes" in french
    answer = client_for(None).get("/api/v1/partners").json()
    assert [item["name"] for item in answer["items"]] == ["Welcoming America"]
    assert "email" not in answer["items"][0]


def test_a_deadline_within_30_days_needs_the_secretariat_and_nobody_else(alice, bob):
    soon = datetime.date.today() + datetime.timedelta(days=10)
    make_application(alice, submission_deadline=soon)
    items = {item.key: item for item in attention_for(alice)}
    assert items["funding.deadlines"].count == 1
    assert items["funding.deadlines"].due == soon
    assert "funding.deadlines" not in {item.key for item in attention_for(bob)}


def test_the_application_list_needs_as_many_queries_for_15_applications_as_for_one(alice, as_alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    donor = make_donor(alice)
    make_application(alice, donor=donor, title="Application 0")
    as_alice.get("/funding/applications/")  # the first request of a session reads more (the session, roles)
    with CaptureQueriesContext(connection) as one:
        as_alice.get("/funding/applications/")
    for n in range(1, 15):
        make_application(alice, donor=donor, title=f"Application {n}")
    with CaptureQueriesContext(connection) as fifteen:
        response = as_alice.get("/funding/applications/")
    assert len(fifteen) <= len(one)
    assert response.content.decode().count("Application 1") >= 6
