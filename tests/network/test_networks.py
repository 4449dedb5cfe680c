import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.accounts.models import RoleKind
from icc.core.history import reason_display
from icc.network.models import City, NationalNetwork, NetworkPlan
from icc.network.services.networks import (
    network_add_city,
    network_create,
    network_set_members,
    network_update,
    plan_create,
    plan_decide,
    plan_submit,
    plan_update,
)
from tests.conftest import client_for
from tests.factories import CityFactory, NationalNetworkFactory, NetworkPlanFactory, UserFactory, grant

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _plan_url(plan: NetworkPlan, action: str = "") -> str:
    return f"/manage/networks/{plan.network.slug}/plans/{plan.pk}/{action + '/' if action else ''}"


@pytest.fixture
def as_frank(frank):
    return client_for(frank)


@pytest.fixture
def submitted_plan(rici, frank, alice) -> NetworkPlan:
    plan = plan_create(network=rici, by=frank, kind="action_plan", year=2026, title="RICI 2026",
                       summary="Anti-rumours campaign in six cities.")  # fmt: skip
    return plan_submit(plan=plan, by=frank)


# The approval workflow ------------------------------------------------------------------------------


def test_a_network_coordinator_drafts_and_submits_a_plan_and_the_secretariat_is_told(
    as_frank, rici, alice, mailoutbox, django_capture_on_commit_callbacks
):
    response = as_frank.post(
        "/manage/networks/rici/plans/new/",
        {"kind": "action_plan", "year": 2026, "title": "RICI 2026", "summary": "Six anti-rumours campaigns."},
    )
    plan = NetworkPlan.objects.get(network=rici)
    assert response.status_code == 302 and response.url == _plan_url(plan)
    assert plan.status == "draft"
    assert "Submit for approval" in as_frank.get(_plan_url(plan)).text

    with django_capture_on_commit_callbacks(execute=True):
        response = as_frank.post(_plan_url(plan, "submit"), follow=True)
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.submitted_at is not None
    assert "Told: Alice" in response.text
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    assert "RICI 2026" in mailoutbox[0].body and _plan_url(plan) in mailoutbox[0].body
    assert "For approval" in mailoutbox[0].subject
    assert plan.history.first().history_user.email == "frank@example.org"


def test_returning_a_plan_needs_comments(
    as_alice, submitted_plan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(
            _plan_url(submitted_plan, "decide"), {"decision": "returned", "comments": " "}
        )
    assert response.status_code == 200
    assert "comments are required to return a plan" in response.text
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "submitted"
    assert mailoutbox == []


def test_a_returned_plan_is_revised_resubmitted_and_approved(
    as_alice, as_frank, submitted_plan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post(
            _plan_url(submitted_plan, "decide"),
            {"decision": "returned", "comments": "Add a budget for each campaign."},
        )
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "returned"
    assert submitted_plan.decided_by.email == "alice@example.org"
    assert mailoutbox[-1].to == ["frank@example.org"]
    assert "Add a budget for each campaign." in mailoutbox[-1].body
    assert "Add a budget for each campaign." in as_frank.get(_plan_url(submitted_plan)).text

    response = as_frank.post(
        _plan_url(submitted_plan, "edit"),
        {"kind": "action_plan", "year": 2026, "title": "RICI 2026", "summary": "Campaigns, with budgets."},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        as_frank.post(_plan_url(submitted_plan, "submit"))
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "submitted" and submitted_plan.summary == "Campaigns, with budgets."

    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post(_plan_url(submitted_plan, "decide"), {"decision": "approved", "comments": ""})
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "approved"
    assert "Approved" in mailoutbox[-1].subject and mailoutbox[-1].to == ["frank@example.org"]
    reasons = [reason_display(h.history_change_reason) for h in submitted_plan.history.all()]
    assert reasons[:4] == ["approved", "submitted", "", "returned with comments"]


def test_an_approved_plan_cannot_be_edited_or_decided_again(as_alice, as_frank, submitted_plan, frank, alice):
    plan_decide(plan=submitted_plan, by=alice, decision="approved")

    response = as_frank.get(_plan_url(submitted_plan, "edit"), follow=True)
    assert "an approved plan can no longer be changed" in response.text
    with pytest.raises(ValidationError, match="no longer be changed"):
        plan_update(plan=submitted_plan, by=frank, title="Something else")

    response = as_alice.post(
        _plan_url(submitted_plan, "decide"),
        {"decision": "returned", "comments": "Second thoughts."},
        follow=True,
    )
    assert "already approved; the decision is final" in response.text
    response = as_frank.post(_plan_url(submitted_plan, "submit"), follow=True)
    assert "Cannot go from “Approved” to “Submitted”" in response.text
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "approved" and submitted_plan.title == "RICI 2026"


def test_a_submitted_plan_waits_for_the_decision_before_it_can_change(submitted_plan, frank):
    with pytest.raises(ValidationError, match="waiting for the secretariat's decision"):
        plan_update(plan=submitted_plan, by=frank, summary="Late change")


def test_an_empty_plan_cannot_be_submitted(rici, frank):
    plan = plan_create(network=rici, by=frank, kind="annual_report", year=2025, title="Report 2025")
    with pytest.raises(ValidationError) as exc:
        plan_submit(plan=plan, by=frank)
    assert "Write a summary or attach the document" in exc.value.message_dict["summary"][0]
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_second_plan_of_the_same_kind_and_year_is_refused(as_frank, rici):
    NetworkPlanFactory(network=rici, kind="action_plan", year=2026, title="RICI 2026")
    response = as_frank.post(
        "/manage/networks/rici/plans/new/",
        {"kind": "action_plan", "year": 2026, "title": "Another 2026 plan"},
    )
    assert response.status_code == 200
    assert "Action plan 2026 already exists (“RICI 2026”)" in response.text
    assert NetworkPlan.objects.filter(network=rici).count() == 1

    as_frank.post(
        "/manage/networks/rici/plans/new/", {"kind": "annual_report", "year": 2026, "title": "Report 2026"}
    )
    assert NetworkPlan.objects.filter(network=rici).count() == 2


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("year", 1999, "between 2008 and"),
        ("title", "  ", "Give the plan a title"),
        ("kind", "budget", "Choose"),
    ],
)
def test_bad_plan_input_names_the_field_and_writes_nothing(rici, frank, field, value, fragment):
    fields = {"kind": "action_plan", "year": 2026, "title": "RICI 2026", field: value}
    with pytest.raises(ValidationError) as exc:
        plan_create(network=rici, by=frank, **fields)
    assert fragment in " ".join(exc.value.message_dict[field])
    assert not NetworkPlan.objects.exists()


# Documents ------------------------------------------------------------------------------------------


def test_a_plan_document_is_uploaded_and_downloaded_only_by_those_who_may_read_the_network(
    as_frank, as_bob, rici
):
    upload = SimpleUploadedFile("Piano d'azione 2026 (final).pdf", PDF_BYTES, content_type="application/pdf")
    as_frank.post(
        "/manage/networks/rici/plans/new/",
        {"kind": "action_plan", "year": 2026, "title": "RICI 2026", "document": upload},
    )
    plan = NetworkPlan.objects.get(network=rici)
    assert plan.document.name.endswith(".pdf") and "'" not in plan.document.name
    assert "(" not in plan.document.name and " " not in plan.document.name

    response = as_frank.get(_plan_url(plan, "document"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert as_bob.get(_plan_url(plan, "document")).status_code == 404


def test_a_disguised_or_unaccepted_file_is_refused(as_frank, rici):
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = as_frank.post(
        "/manage/networks/rici/plans/new/",
        {"kind": "action_plan", "year": 2026, "title": "RICI", "document": fake},
    )
    assert "does not contain what its extension says (PDF)" in response.text
    script = SimpleUploadedFile("plan.html", b"<script>alert(1)</script>", content_type="text/html")
    response = as_frank.post(
        "/manage/networks/rici/plans/new/",
        {"kind": "action_plan", "year": 2026, "title": "RICI", "document": script},
    )
    assert "is not an accepted kind of file" in response.text
    assert not NetworkPlan.objects.exists()


def test_a_word_document_passes_the_content_check(rici, frank):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    docx = SimpleUploadedFile("report.docx", buffer.getvalue())
    plan = plan_create(network=rici, by=frank, kind="annual_report", year=2025, title="R", document=docx)
    assert plan.document.name.endswith("report.docx")


def test_a_too_large_document_is_refused(rici, frank, settings):
    settings.MAX_UPLOAD_MB = 0
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES)
    with pytest.raises(ValidationError) as exc:
        plan_create(network=rici, by=frank, kind="action_plan", year=2026, title="RICI", document=upload)
    assert "the limit is 0 MB" in exc.value.message_dict["document"][0]


# Who may read and change what ------------------------------------------------------------------------


def test_a_network_coordinator_cannot_read_another_network(as_frank):
    NationalNetworkFactory(name_en="Spanish network", slug="reci", country="ES")
    assert as_frank.get("/manage/networks/reci/").status_code == 404
    assert "Spanish network" not in as_frank.get("/manage/networks/").text


def test_a_network_coordinator_cannot_approve_a_plan(as_frank, submitted_plan, frank):
    response = as_frank.post(_plan_url(submitted_plan, "decide"), {"decision": "approved"})
    assert response.status_code == 403
    assert "Record the decision" not in as_frank.get(_plan_url(submitted_plan)).text
    with pytest.raises(PermissionDenied):
        plan_decide(plan=submitted_plan, by=frank, decision="approved")
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "submitted"


def test_a_city_coordinator_outside_the_network_cannot_see_it(as_bob, submitted_plan):
    assert as_bob.get("/manage/networks/rici/").status_code == 404
    assert as_bob.get(_plan_url(submitted_plan)).status_code == 404
    assert as_bob.post("/manage/networks/rici/plans/new/", {"title": "x"}).status_code == 404
    assert "Italian network" not in as_bob.get("/manage/networks/").text


def test_a_coordinator_of_a_member_city_reads_the_network_but_does_not_write_its_plans(
    reggio, submitted_plan
):
    mayor_office = UserFactory(email="reggio@example.org", password=None)
    grant(mayor_office, RoleKind.CITY_COORDINATOR, city=reggio)
    client = client_for(mayor_office)
    response = client.get("/manage/networks/rici/")
    assert response.status_code == 200
    assert "Italian network of intercultural cities" in response.text and "Reggio Emilia" in response.text
    assert client.get(_plan_url(submitted_plan)).status_code == 200
    assert client.get("/manage/networks/rici/plans/new/").status_code == 403
    assert client.get("/manage/networks/rici/edit/").status_code == 403
    assert "Italian network" in client.get("/manage/networks/").text


def test_only_the_secretariat_reads_a_networks_history(as_alice, as_frank, rici, alice):
    network_update(network=rici, by=alice, website="https://www.example.org/rici")
    response = as_alice.get("/manage/networks/rici/history/")
    assert response.status_code == 200 and "https://www.example.org/rici" in response.text
    assert as_frank.get("/manage/networks/rici/history/").status_code == 403


# The register of networks ---------------------------------------------------------------------------


def test_the_secretariat_adds_a_network(as_alice):
    response = as_alice.post(
        "/manage/networks/new/",
        {
            "name_en": "Spanish network of intercultural cities",
            "name_fr": "",
            "country": "ES",
            "founded": 2011,
        },
    )
    network = NationalNetwork.objects.get(country="ES")
    assert response.status_code == 302 and response.url == f"/manage/networks/{network.slug}/edit/"
    assert network.slug == "spanish-network-of-intercultural-cities"
    assert network.history.first().history_user.email == "alice@example.org"


def test_a_duplicate_network_name_or_unknown_country_is_refused(alice, rici):
    with pytest.raises(ValidationError) as exc:
        network_create(by=alice, name_en="ITALIAN network of intercultural cities", country="IT")
    assert "already in the register" in exc.value.message_dict["name_en"][0]
    with pytest.raises(ValidationError) as exc:
        network_create(by=alice, name_en="Atlantis network", country="XX")
    assert "not a country code" in exc.value.message_dict["country"][0]
    assert NationalNetwork.objects.count() == 1


def test_only_the_secretariat_adds_networks(as_frank, frank):
    assert as_frank.get("/manage/networks/new/").status_code == 403
    with pytest.raises(PermissionDenied):
        network_create(by=frank, name_en="Frank's network", country="IT")


def test_the_lead_city_must_be_a_member_city(alice, rici, reggio):
    outsider = CityFactory(name_en="Torino", country="IT")
    with pytest.raises(ValidationError) as exc:
        network_update(network=rici, by=alice, lead_city=outsider)
    assert "not a member city of this network" in exc.value.message_dict["lead_city"][0]
    rici.refresh_from_db()
    assert rici.lead_city == reggio

    network_update(network=rici, by=alice, cities=[reggio, outsider], lead_city=outsider)
    rici.refresh_from_db()
    assert rici.lead_city == outsider


def test_member_cities_must_be_of_the_networks_country(alice, rici, reggio, lyon):
    with pytest.raises(ValidationError) as exc:
        network_add_city(network=rici, by=alice, city=lyon)
    assert "Lyon is in France" in exc.value.message_dict["cities"][0]
    lyon.refresh_from_db()
    assert lyon.national_network is None


def test_the_lead_city_cannot_be_removed_from_the_members(alice, rici, reggio, bergamo):
    with pytest.raises(ValidationError) as exc:
        network_set_members(network=rici, by=alice, cities=[bergamo])
    assert "choose another lead city" in exc.value.message_dict["cities"][0]
    assert set(rici.cities.all()) == {reggio, bergamo}


def test_membership_changes_are_kept_in_the_city_history(as_alice, rici, reggio, bergamo, alice):
    torino = CityFactory(name_en="Torino", slug="torino", country="IT")
    response = as_alice.post(
        "/manage/networks/rici/edit/",
        {
            "name_en": "Italian network of intercultural cities",
            "name_fr": "Réseau italien des cités interculturelles",
            "country": "IT",
            "lead_city": reggio.pk,
            "cities": [reggio.pk, torino.pk],
        },
    )
    assert response.status_code == 302
    assert set(rici.cities.all()) == {reggio, torino}
    assert City.objects.get(pk=bergamo.pk).national_network is None
    assert reason_display(torino.history.first().history_change_reason) == "joined a national network"
    assert reason_display(bergamo.history.first().history_change_reason) == "left a national network"


def test_a_network_coordinator_changes_only_the_description_and_website(as_frank, rici, frank, reggio):
    page = as_frank.get("/manage/networks/rici/edit/").text
    assert 'name="description_en"' in page and 'name="name_en"' not in page and 'name="cities"' not in page
    response = as_frank.post(
        "/manage/networks/rici/edit/",
        {
            "description_en": "Thirty Italian cities.",
            "description_fr": "",
            "website": "https://rici.example.org",
        },
    )
    assert response.status_code == 302
    rici.refresh_from_db()
    assert rici.description_en == "Thirty Italian cities." and rici.lead_city == reggio
    with pytest.raises(PermissionDenied):
        network_update(network=rici, by=frank, name_en="Frank's network")


def test_the_list_shows_counts_coordinators_and_plans_awaiting_approval(
    as_alice, submitted_plan, reggio, bergamo
):
    response = as_alice.get("/manage/networks/")
    assert response.status_code == 200
    text = response.text
    assert "Awaiting approval" in text and "RICI 2026" in text
    assert "Frank Rossi" in text and "Reggio Emilia" in text
    assert "Submitted" in text


def test_the_list_reads_in_a_fixed_number_of_queries(as_alice, alice, django_assert_max_num_queries):
    for _ in range(6):
        network = NationalNetworkFactory(country="ES")
        CityFactory.create_batch(3, country="ES", national_network=network)
        NetworkPlanFactory(network=network)
        grant(UserFactory(password=None), RoleKind.NETWORK_COORDINATOR, network=network)
    with django_assert_max_num_queries(16):
        assert as_alice.get("/manage/networks/").status_code == 200
