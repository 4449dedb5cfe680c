"""The signed-in home lists what needs each person ("needs you", icc.core.attention): oldest first, with
counts and deep links, a useful empty state, and a fixed number of queries whatever the network's size."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from icc.core.attention import AttentionItem, attention_for
from icc.index.models import CommentThread, ResponseStatus, SectionAssignment, ThreadStatus
from icc.network.models import CityStatus, FeeStatus, PlanKind, PlanStatus
from icc.reports.models import Report, ReportStatus
from icc.reports.services.drafts import report_assign_experts
from tests.conftest import client_for
from tests.factories import (
    CityFactory,
    MembershipPeriodFactory,
    NetworkPlanFactory,
    ResponseFactory,
    RoundFactory,
)

DASHBOARD = "/manage/dashboard/"
RICI = "Italian network of intercultural cities"


def _today() -> datetime.date:
    return timezone.localdate()


def _keys(user) -> list[str]:
    return [item.key for item in attention_for(user)]


def _item(user, key: str) -> AttentionItem:
    return next(item for item in attention_for(user) if item.key == key)


@pytest.fixture
def open_round(db):
    """An open round whose deadline is 10 days away (so the secretariat sees it near its deadline)."""
    return RoundFactory(name="Index 2026", deadline=_today() + datetime.timedelta(days=10))


def test_it_tells_each_role_that_nothing_needs_them(alice, bob, carol, erin, frank):
    for user, hint in [
        (alice, "plans to approve"),
        (bob, "Sections to assign"),
        (carol, "assigns you a section"),
        (erin, "Reports you are assigned to"),
    ]:
        page = client_for(user).get(DASHBOARD).content.decode()
        assert "Nothing needs you right now." in page, user
        assert hint in page, user


def test_secretariat_sees_submissions_answers_plans_fees_candidates_drafts_and_rounds(
    alice, lyon, porto, rici, bergamo, open_round
):
    today = _today()
    submitted = ResponseFactory(round=open_round, city=lyon, status=ResponseStatus.SUBMITTED)
    submitted.submitted_at = timezone.now() - datetime.timedelta(days=6)
    submitted.save()
    ResponseFactory(round=open_round, city=porto)
    thread = CommentThread.objects.create(response=submitted, question="q1", status=ThreadStatus.ANSWERED)
    plan = NetworkPlanFactory(network=rici, year=today.year, status=PlanStatus.SUBMITTED)
    plan.submitted_at = timezone.now() - datetime.timedelta(days=2)
    plan.save()
    MembershipPeriodFactory(city=lyon, year=today.year - 1, status=FeeStatus.DUE)
    bergamo.status_since = today - datetime.timedelta(days=200)
    bergamo.save()
    old_round = RoundFactory(name="Index 2022", status="closed")
    validated = ResponseFactory(round=old_round, city=lyon, status=ResponseStatus.VALIDATED)
    Report.objects.create(response=validated, draft_generated_at=timezone.now())

    items = {item.key: item for item in attention_for(alice)}
    assert items["index.review"].count == 1
    assert items["index.review"].days_waiting == 6
    assert items["index.review"].url == f"/index/rounds/{open_round.pk}/?status=submitted"
    assert items["index.threads_answered"].url == f"/index/responses/{thread.response_id}/review/"
    assert items["network.plans_submitted"].url == f"/manage/networks/rici/plans/{plan.pk}/"
    assert items["network.fees_overdue"].url == "/manage/fees/outstanding/"
    assert items["network.accession_waiting"].count == 1
    assert items["reports.drafts_waiting"].count == 1
    assert items["index.round_deadline"].label == "Index 2026 closes soon: 1 of 2 cities have submitted"

    page = client_for(alice).get(DASHBOARD).content.decode()
    assert "Index 2026: 1 response submitted and waiting for review" in page
    assert "waiting for 6 days" in page
    assert "1 membership fee overdue" in page
    assert "10 days left" in page


def test_items_come_oldest_first(alice, lyon, porto, rici):
    today = _today()
    round_ = RoundFactory(name="Index 2026", deadline=today + datetime.timedelta(days=60))
    response = ResponseFactory(round=round_, city=lyon, status=ResponseStatus.SUBMITTED)
    response.submitted_at = timezone.now() - datetime.timedelta(days=3)
    response.save()
    MembershipPeriodFactory(city=porto, year=today.year - 2, status=FeeStatus.DUE)  # years ago
    assert _keys(alice) == ["network.fees_overdue", "index.review"]


def test_city_coordinator_sees_sections_questions_returns_deadline_shared_report_and_publication(
    bob, carol, lyon, open_round
):
    response = ResponseFactory(round=open_round, city=lyon, status=ResponseStatus.RETURNED)
    response.review_note = "Please explain question 2."
    response.save()
    SectionAssignment.objects.create(response=response, area="commitment", user=carol)
    CommentThread.objects.create(response=response, question="q1", status=ThreadStatus.OPEN)
    old_round = RoundFactory(name="Index 2022", status="closed")
    validated = ResponseFactory(round=old_round, city=lyon, status=ResponseStatus.VALIDATED)
    validated.validated_at = timezone.now() - datetime.timedelta(days=30)
    validated.save()
    report = Report.objects.create(response=validated, status=ReportStatus.SHARED, shared_at=timezone.now())

    items = {item.key: item for item in attention_for(bob)}
    assert items["index.unassigned"].count == 4  # five sections, one assigned to Carol
    assert items["index.unassigned"].url == f"/index/responses/{response.pk}/"
    assert items["index.returned"].detail == "Please explain question 2."
    assert items["index.open_threads"].count == 1
    assert items["index.deadline"].days_left == 10
    assert items["index.publication"].url == f"/index/responses/{validated.pk}/publication/"
    assert items["reports.shared"].url == f"/reports/manage/{report.pk}/"

    page = client_for(bob).get(DASHBOARD).content.decode()
    assert "Please explain question 2." in page
    assert "4 sections without anyone assigned" in page
    assert "decide whether the results may be published" in page


def test_contributor_sees_their_sections_and_the_questions_left(carol, lyon, open_round):
    response = ResponseFactory(round=open_round, city=lyon, status=ResponseStatus.IN_PROGRESS)
    SectionAssignment.objects.create(response=response, area="commitment", user=carol)
    SectionAssignment.objects.create(response=response, area="education", user=carol)
    item = _item(carol, "index.my_sections")
    assert item.label == "Lyon · Index 2026: your 2 sections, 6 questions left"
    assert item.url == f"/index/responses/{response.pk}/"

    SectionAssignment.objects.filter(area="education").delete()
    item = _item(carol, "index.my_sections")
    assert item.url == f"/index/responses/{response.pk}/sections/commitment/"
    page = client_for(carol).get(DASHBOARD).content.decode()
    assert "your 1 section, 3 questions left" in page


def test_expert_sees_the_reports_assigned_to_them(erin, lyon):
    round_ = RoundFactory(name="Index 2022", status="closed")
    report = Report.objects.create(response=ResponseFactory(round=round_, city=lyon))
    report.experts.add(erin)
    item = _item(erin, "reports.assigned")
    assert item.url == f"/reports/manage/{report.pk}/"
    assert "Lyon · Index 2022" in item.label
    report.status = ReportStatus.PUBLISHED
    report.save()
    assert _keys(erin) == []


def test_the_expert_sees_when_their_commentary_is_due(alice, erin, lyon, as_alice):
    round_ = RoundFactory(name="Index 2022", status="closed")
    report = Report.objects.create(response=ResponseFactory(round=round_, city=lyon))
    due = _today() + datetime.timedelta(days=9)

    as_alice.post(f"/reports/manage/{report.pk}/experts/", {"experts": [erin.pk], "due_on": due.isoformat()})

    item = _item(erin, "reports.assigned")
    assert item.due == due
    page = client_for(erin).get(DASHBOARD).content.decode()
    assert "9 days left" in page


def test_a_commentary_date_in_the_past_is_refused_naming_it(alice, erin, lyon):
    round_ = RoundFactory(name="Index 2022", status="closed")
    report = Report.objects.create(response=ResponseFactory(round=round_, city=lyon))

    with pytest.raises(ValidationError) as refused:
        report_assign_experts(
            report=report, experts=[erin], by=alice, due_on=_today() - datetime.timedelta(days=1)
        )

    assert "due_on" in refused.value.message_dict
    assert not report.experts.exists()


def test_network_coordinator_sees_the_plans_due_and_the_cities_index_status(
    frank, rici, reggio, bergamo, open_round
):
    year = _today().year
    NetworkPlanFactory(network=rici, year=year, kind=PlanKind.ACTION_PLAN, status=PlanStatus.RETURNED)
    ResponseFactory(round=open_round, city=reggio, status=ResponseStatus.SUBMITTED)
    ResponseFactory(round=open_round, city=bergamo)

    items = [item for item in attention_for(frank)]
    plans = [i for i in items if i.key == "network.plan_due"]
    assert [p.label for p in plans] == [
        f"{RICI}: the secretariat returned the action plan {year} with comments",
        f"{RICI}: the annual report {year} is due; none is started",
    ]
    assert plans[1].url == f"/manage/networks/rici/plans/new/?kind=annual_report&year={year}"
    status = next(i for i in items if i.key == "index.network_status")
    assert status.count == 1
    assert "1 of 2 cities" in status.label

    # The status page (a 403 before) lists each city with a link to it.
    page = client_for(frank).get(status.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert f'href="{reverse("network:city_detail", args=["bergamo"])}"' in text
    assert "Submitted" in text and "Not started" in text
    # The plan link opens the form with the kind and year filled in.
    form = client_for(frank).get(plans[1].url).content.decode()
    assert 'value="annual_report" selected' in form or 'annual_report" selected' in form


def test_the_dashboard_reads_a_fixed_number_of_queries_whatever_the_network_size(
    alice, bob, carol, frank, lyon, rici, open_round
):
    def count(user) -> int:
        user = type(user).objects.get(pk=user.pk)  # a fresh request: roles not read yet
        with CaptureQueriesContext(connection) as queries:
            attention_for(user)
        return len(queries)

    def grow(n: int) -> None:
        for _ in range(n):
            city = CityFactory(national_network=rici, status=CityStatus.CANDIDATE)
            r = ResponseFactory(round=open_round, city=city, status=ResponseStatus.SUBMITTED)
            CommentThread.objects.create(response=r, question="q1", status=ThreadStatus.ANSWERED)
            MembershipPeriodFactory(city=city, year=2020, status=FeeStatus.DUE)
            Report.objects.create(response=r, draft_generated_at=timezone.now())

    lyon_response = ResponseFactory(round=open_round, city=lyon)
    SectionAssignment.objects.create(response=lyon_response, area="commitment", user=carol)
    grow(2)
    for user in (alice, bob, carol, frank):  # caches filled (questionnaire structures)
        count(user)
    before = {user.email: count(user) for user in (alice, bob, carol, frank)}
    grow(8)
    after = {user.email: count(user) for user in (alice, bob, carol, frank)}
    assert after == before


def test_the_dashboard_reads_in_french(bob, lyon, open_round):
    ResponseFactory(round=open_round, city=lyon)
    bob.language = "fr"
    bob.save()
    client = client_for(bob)
    page = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ce qui vous attend" in page
    assert "sections sans personne" in page


def test_secretariat_is_told_what_an_unpublished_rounds_audit_flags(alice, bob, lyon):
    from icc.index.models import RoundScores

    audit = {
        "data": {"patterns": [{"city": "Lyon", "pattern": "all_maximum", "questions": 12}]},
        "correlations": {"redundant": 1, "conflicts": 1},
    }
    unpublished = RoundFactory(name="Index 2026", status="closed")
    RoundScores.objects.create(round=unpublished, computed_at=timezone.now(), document={}, audit=audit)
    published = RoundFactory(name="Index 2022", status="closed", results_published_at=timezone.now())
    RoundScores.objects.create(round=published, computed_at=timezone.now(), document={}, audit=audit)
    clean = RoundFactory(name="Index 2024", status="closed")
    RoundScores.objects.create(
        round=clean,
        computed_at=timezone.now(),
        document={},
        audit={"data": {"patterns": []}, "correlations": {"redundant": 0, "conflicts": 0}},
    )

    flagged = [item for item in attention_for(alice) if item.key == "index.audit_flags"]
    assert len(flagged) == 1  # not the published round, not the round whose audit flags nothing
    assert flagged[0].label == (
        "Index 2026: before publishing, the statistical audit flags "
        "1 unusual answer pattern and 2 pairs of areas"
    )
    assert flagged[0].url == reverse("index:round_audit", args=[unpublished.pk])
    assert "index.audit_flags" not in _keys(bob)  # a city's coordinator has no round audits to read
