"""Learning clusters: matching from the Index, members, status, progress reports, access, gender balance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.activities.models import Event, EventKind, Registration
from icc.activities.services.registrations import contact_create
from icc.clusters import selectors
from icc.clusters.models import ClusterMeeting, ClusterMember, ProgressReport
from icc.clusters.services import clusters as services
from icc.notifications.models import Notification
from tests.clusters.helpers import make_cluster, network_with_scores, publish_scores
from tests.conftest import client_for
from tests.experts.profile_fixtures import expert_for
from tests.factories import CityFactory


@pytest.fixture
def network(db):
    return network_with_scores()


def test_the_matching_reads_each_member_city_newest_published_scores_with_language_and_region(network):
    older = CityFactory(name_en="Ghent", slug="ghent", country="BE")
    publish_scores({older: {"welcoming": 10.0, "language": 90.0}}, year=2014)
    publish_scores({older: {"welcoming": 70.0}}, year=2022)
    candidate = CityFactory(name_en="Tbilisi", slug="tbilisi", country="GE", status="candidate")
    publish_scores({candidate: {"welcoming": 99.0}})
    scores = {c.key: c for c in selectors.city_scores()}
    assert scores["ghent"].scores == {"welcoming": 70.0, "language": 90.0}
    assert "tbilisi" not in scores  # a candidate is not a member yet
    assert scores["lyon"].languages[0] == "fr"
    assert scores["lyon"].region == "western_europe"
    assert scores["oslo"].region == "northern_europe"


def test_the_secretariat_sees_mentors_and_learners_with_their_reasons_and_adds_them(network, alice):
    cluster = make_cluster(status="planned")
    client = client_for(alice)
    page = client.get(f"/clusters/{cluster.pk}/matching/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Suggested mentors" in text and "Suggested learners" in text
    assert "above the network" in text and "below the network" in text
    mentors = [r["suggestion"].name for r in page.context["mentor_rows"]]
    learners = [r["suggestion"].name for r in page.context["learner_rows"]]
    assert set(mentors) == {"Oslo", "Lyon", "Bergamo"}
    assert set(learners) == {"Nantes", "Bremen", "Trondheim"}

    response = client.post(f"/clusters/{cluster.pk}/matching/", {"city": ["oslo", "nantes", "bremen"]})
    assert response.status_code == 302
    members = {m.city.name: m for m in ClusterMember.objects.filter(cluster=cluster)}
    assert set(members) == {"Oslo", "Nantes", "Bremen"}
    assert members["Oslo"].role == "mentor" and members["Nantes"].role == "learner"
    assert members["Oslo"].matching["theme_score"] == 90.0
    detail = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "Nantes" in detail and "theme score 27.5" in detail
    # Members are not suggested again.
    again = client.get(f"/clusters/{cluster.pk}/matching/")
    assert "oslo" not in {r["suggestion"].key for r in again.context["mentor_rows"]}
    history = cluster.members.get(city__slug="oslo").history.first()
    assert history.history_user == alice


def test_adding_a_member_twice_adds_none(network, alice):
    cluster = make_cluster()
    services.members_add(cluster=cluster, picks=[services.MemberPick(network["Lyon"], "mentor")], by=alice)
    with pytest.raises(ValidationError) as error:
        services.members_add(
            cluster=cluster,
            picks=[
                services.MemberPick(network["Turin"], "learner"),
                services.MemberPick(network["Lyon"], "learner"),
            ],
            by=alice,
        )
    assert "Lyon is already a member" in str(error.value)
    assert list(cluster.members.values_list("city__name", flat=True)) == ["Lyon"]


def test_a_cluster_starts_only_with_a_lead_expert_and_follows_its_workflow(db, alice, erin):
    cluster = make_cluster(status="planned")
    with pytest.raises(ValidationError) as error:
        services.cluster_set_status(cluster=cluster, status="running", by=alice)
    assert "lead_expert" in error.value.message_dict
    cluster.lead_expert = expert_for(erin)
    cluster.save()
    cluster = services.cluster_set_status(cluster=cluster, status="running", by=alice)
    assert cluster.status == "running"
    with pytest.raises(ValidationError, match="Cannot go from"):
        services.cluster_set_status(cluster=cluster, status="planned", by=alice)


def test_the_lead_expert_reports_and_the_secretariat_reviews(db, alice, erin, bob):
    cluster = make_cluster(lead=expert_for(erin))
    client = client_for(erin)
    response = client.post(
        f"/clusters/{cluster.pk}/reports/new/",
        {"period_start": "2024-03-01", "period_end": "2024-08-31", "text": "Two meetings; a shared toolkit."},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(cluster=cluster)
    assert report.status == "submitted" and report.submitted_by == erin
    assert Notification.objects.filter(recipient=alice, kind="cluster_report_submitted").exists()
    # Someone else cannot submit for the cluster.
    with pytest.raises(PermissionDenied):
        services.report_submit(
            cluster=cluster,
            by=bob,
            period_start=datetime.date(2024, 9, 1),
            period_end=datetime.date(2024, 10, 1),
            text="x",
        )
    # Returning needs a note; the lead expert is told.
    page = client_for(alice).post(f"/clusters/reports/{report.pk}/", {"decision": "return", "note": ""})
    assert page.status_code == 400
    assert "Say what the lead expert should change" in page.content.decode()
    client_for(alice).post(
        f"/clusters/reports/{report.pk}/", {"decision": "return", "note": "Add the results."}
    )
    report.refresh_from_db()
    assert report.status == "returned" and report.review_note == "Add the results."
    assert Notification.objects.filter(recipient=erin, kind="cluster_report_reviewed").exists()
    client.post(
        f"/clusters/reports/{report.pk}/edit/",
        {
            "period_start": "2024-03-01",
            "period_end": "2024-08-31",
            "text": "Two meetings; results: 3 cities trained.",
        },
    )
    report.refresh_from_db()
    assert report.status == "submitted" and "3 cities trained" in report.text


def test_a_report_on_a_period_not_over_is_refused(db, erin):
    cluster = make_cluster(lead=expert_for(erin))
    with pytest.raises(ValidationError) as error:
        services.report_submit(
            cluster=cluster,
            by=erin,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2099, 1, 1),
            text="Later.",
        )
    assert "period_end" in error.value.message_dict


def test_the_next_report_is_due_after_the_last_period_reported(db):
    cluster = make_cluster(starts_on=datetime.date(2024, 8, 31), report_every_months=6)
    assert selectors.next_report_due(cluster, []) == datetime.date(2025, 2, 28)
    report = ProgressReport(
        cluster=cluster, period_start=datetime.date(2024, 9, 1), period_end=datetime.date(2025, 3, 31)
    )
    assert selectors.next_report_due(cluster, [report]) == datetime.date(2025, 9, 30)


def test_who_reads_what_of_a_cluster(db, lyon, bob, grace, erin, alice):
    running = make_cluster(lead=expert_for(erin))
    planned = make_cluster(status="planned", title="Not yet")
    ClusterMember.objects.create(
        cluster=running, city=lyon, role="learner", joined_on=datetime.date(2024, 3, 1)
    )
    document = services.document_add(
        cluster=running, file=SimpleUploadedFile("terms.pdf", b"%PDF-1.4\nterms"), kind="terms", by=alice
    )
    url = f"/clusters/{running.pk}/documents/{document.pk}/"
    assert client_for(bob).get(url).status_code == 200  # Lyon is a member
    assert client_for(erin).get(url).status_code == 200  # the lead expert
    assert client_for(grace).get(url).status_code == 403
    assert client_for(grace).get(f"/clusters/{running.pk}/").status_code == 200
    assert client_for(grace).get(f"/clusters/{planned.pk}/").status_code == 404
    assert "Not yet" not in client_for(grace).get("/clusters/").content.decode()
    assert "Not yet" in client_for(alice).get("/clusters/").content.decode()
    assert client_for(bob).get(f"/clusters/{running.pk}/matching/").status_code == 403


def test_the_gender_balance_counts_each_delegate_of_the_meetings_once(db, alice):
    cluster = make_cluster()
    kind = EventKind.objects.get(key="cluster_meeting")
    people = [
        contact_create(
            actor=alice, full_name=f"Delegate {i}", gender="woman" if i < 6 else "man", consent=True
        )
        for i in range(12)
    ]
    for day in (1, 2):
        event = Event.objects.create(
            kind=kind,
            title_en=f"Meeting {day}",
            starts_at=datetime.datetime(2024, 5, day, 9, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2024, 5, day, 17, tzinfo=datetime.UTC),
        )
        ClusterMeeting.objects.create(cluster=cluster, event=event)
        for person in people:
            Registration.objects.create(event=event, contact=person)
    balance = selectors.cluster_gender_balance(cluster)
    assert balance.total == 12
    assert balance.count("woman") == 6 and balance.women_share == 50.0
    assert balance.shown("another") == "<5"


def test_targets_count_the_clusters_launched_each_year(db):
    make_cluster(starts_on=datetime.date(2016, 4, 1), title="A")
    make_cluster(starts_on=datetime.date(2016, 9, 1), title="B", status="completed")
    make_cluster(starts_on=datetime.date(2018, 2, 1), title="C")
    make_cluster(starts_on=datetime.date(2018, 5, 1), title="D", status="cancelled")
    progress = {t.year: t for t in selectors.targets_progress()}
    assert progress[2016].met and [c.title for c in progress[2016].launched] == ["A", "B"]
    assert not progress[2018].met and len(progress[2018].launched) == 1


def test_the_matching_page_in_french_translates_the_reasons(network, alice):
    cluster = make_cluster()
    client = client_for(alice)
    client.cookies["django_language"] = "fr"
    text = client.get(f"/clusters/{cluster.pk}/matching/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Mentors proposés" in text
    assert "au-dessus de la moyenne" in text


def test_the_clusters_history_names_each_city_added_or_taken_out_and_why(network, alice):
    cluster = make_cluster()
    client = client_for(alice)
    client.post(f"/clusters/{cluster.pk}/matching/", {"city": ["oslo", "nantes"]})
    nantes = cluster.members.get(city__slug="nantes")
    client.post(f"/clusters/{cluster.pk}/members/{nantes.pk}/remove/")
    text = client.get(f"/clusters/{cluster.pk}/history/").content.decode()
    assert "Oslo: city added as mentor from the Index matching" in text
    assert "Nantes: city taken out of the cluster" in text
    assert "Alice Martin" in text


def test_the_secretariat_creates_a_meeting_as_a_draft_event_of_the_cluster(network, alice):
    cluster = make_cluster()
    services.members_add(cluster=cluster, picks=[services.MemberPick(network["Oslo"], "mentor")], by=alice)
    response = client_for(alice).post(
        f"/clusters/{cluster.pk}/meetings/new/", {"day": "2027-03-15", "host_city": network["Oslo"].pk}
    )
    meeting = ClusterMeeting.objects.get(cluster=cluster)
    assert response.status_code == 302 and response["Location"] == f"/activities/events/{meeting.event.pk}/"
    event = meeting.event
    assert (
        event.kind.key == "cluster_meeting" and event.status == "draft" and event.host_city == network["Oslo"]
    )
    assert event.title_en == "Learning cluster meeting: Welcoming refugees together"
    assert event.title_fr == "Réunion du groupe d'apprentissage : Accueillir ensemble les réfugiés"
    assert event.starts_at.isoformat() == "2027-03-15T08:00:00+00:00"
