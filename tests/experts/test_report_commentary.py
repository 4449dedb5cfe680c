"""Commentary on a city report is expert work: assigning experts to a report (the reports app) keeps one
assignment of kind report_commentary in step, through the `report_experts_assigned` signal."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from icc.accounts.models import RoleKind
from icc.experts.models import Assignment, AssignmentStatus
from icc.experts.selectors import work as selectors
from icc.reports.models import Report
from icc.reports.services.drafts import report_assign_experts
from tests.conftest import client_for
from tests.experts.work_helpers import make_expert
from tests.factories import UserFactory, grant


@pytest.fixture
def report(lyon_response) -> Report:
    return Report.objects.create(response=lyon_response)


def _expert_user(name: str, email: str):
    user = UserFactory(email=email, full_name=name)
    grant(user, RoleKind.EXPERT)
    return user


@pytest.fixture
def erin_expert(erin):
    return make_expert("Erin Keller", user=erin)


@pytest.fixture
def gus():
    user = _expert_user("Gus Weber", "gus@example.org")
    make_expert("Gus Weber", user=user)
    return user


def _assign(capture, **kwargs):
    with capture(execute=True):
        report_assign_experts(**kwargs)


def test_assigning_experts_to_a_report_makes_confirmed_commentary_work(
    report, alice, erin, erin_expert, gus, django_capture_on_commit_callbacks
):
    due = timezone.localdate() + datetime.timedelta(days=10)
    _assign(django_capture_on_commit_callbacks, report=report, experts=[erin, gus], by=alice, due_on=due)

    work = Assignment.objects.get(report=report)
    assert work.kind.key == "report_commentary"
    assert work.city == report.response.city
    assert work.title == f"Commentary on {report}"
    assert (work.starts_on, work.ends_on) == (timezone.localdate(), due)
    assert work.status == AssignmentStatus.CONFIRMED
    team = {m.expert.full_name: m.lead for m in work.team.select_related("expert")}
    assert team == {"Erin Keller": True, "Gus Weber": False}
    assert work.history.first().history_user == alice
    # It is the expert's work like any other: their list, their calendar.
    assert [m.assignment for m in selectors.my_work(erin_expert)] == [work]
    assert work in selectors.expert_calendar_rows(erin_expert)
    page = client_for(erin).get(reverse("experts:my_work"))
    assert f"Commentary on {report}" in page.content.decode()


def test_without_a_due_date_the_work_runs_thirty_days(
    report, alice, erin, erin_expert, django_capture_on_commit_callbacks
):
    _assign(django_capture_on_commit_callbacks, report=report, experts=[erin], by=alice)
    work = Assignment.objects.get(report=report)
    assert work.ends_on == timezone.localdate() + datetime.timedelta(days=30)


def test_reassigning_updates_the_team_and_the_lead_and_keeps_one_assignment(
    report, alice, erin, erin_expert, gus, django_capture_on_commit_callbacks
):
    _assign(django_capture_on_commit_callbacks, report=report, experts=[erin], by=alice)
    _assign(django_capture_on_commit_callbacks, report=report, experts=[gus, erin], by=alice)

    work = Assignment.objects.get(report=report)
    team = {m.expert.full_name: m.lead for m in work.team.select_related("expert")}
    assert team == {"Gus Weber": True, "Erin Keller": False}

    _assign(django_capture_on_commit_callbacks, report=report, experts=[gus], by=alice)
    work.refresh_from_db()
    assert [m.expert.full_name for m in work.team.select_related("expert")] == ["Gus Weber"]
    assert Assignment.objects.filter(report=report).count() == 1


def test_taking_every_expert_off_cancels_the_work_and_assigning_again_confirms_it(
    report, alice, erin, erin_expert, django_capture_on_commit_callbacks
):
    _assign(django_capture_on_commit_callbacks, report=report, experts=[erin], by=alice)
    _assign(django_capture_on_commit_callbacks, report=report, experts=[], by=alice)
    work = Assignment.objects.get(report=report)
    assert work.status == AssignmentStatus.CANCELLED and not work.team.exists()
    assert work not in selectors.expert_calendar_rows(erin_expert)

    _assign(django_capture_on_commit_callbacks, report=report, experts=[erin], by=alice)
    work.refresh_from_db()
    assert work.status == AssignmentStatus.CONFIRMED and work.team.count() == 1


def test_an_expert_user_without_a_pool_record_is_skipped_and_named_in_the_log(
    report, alice, erin, erin_expert, django_capture_on_commit_callbacks, caplog
):
    hana = _expert_user("Hana Novak", "hana@example.org")
    with caplog.at_level(logging.WARNING, logger="icc.experts.services.report_work"):
        _assign(django_capture_on_commit_callbacks, report=report, experts=[hana, erin], by=alice)

    work = Assignment.objects.get(report=report)
    assert [(m.expert.full_name, m.lead) for m in work.team.select_related("expert")] == [
        ("Erin Keller", True)
    ]
    assert "Hana Novak" in caplog.text


def test_nobody_with_a_pool_record_makes_no_work(report, alice, django_capture_on_commit_callbacks):
    hana = _expert_user("Hana Novak", "hana@example.org")
    _assign(django_capture_on_commit_callbacks, report=report, experts=[hana], by=alice)
    assert not Assignment.objects.filter(report=report).exists()


def test_a_refused_assignment_sends_nothing(report, alice, bob, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True) as callbacks:
        report_assign_experts(report=report, experts=[bob], by=alice)
    assert callbacks == [] and not Assignment.objects.exists()
