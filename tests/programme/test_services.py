"""Needs-you, notifications (risk reviews due, target statuses that get worse), sources that do not exist yet,
the annual report's PDF, the demo."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from icc.core.attention import attention_for
from icc.notifications.models import Notification
from icc.programme import report, sources
from icc.programme.models import AnnualReport, Target, TargetStatus
from icc.programme.services import risk_reviews_notify, targets_recompute
from tests.programme.helpers import make_strategy, missing_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(alice, lyon, porto, monkeypatch):
    missing_source(monkeypatch)
    return make_strategy(alice)


def test_the_owner_sees_their_risks_due_for_review_in_needs_you(alice, strategy):
    items = {item.key: item for item in attention_for(alice)}
    assert items["programme.risk_review"].count == 1
    assert items["programme.risk_review"].url == reverse("programme:risk_detail", args=[strategy["risk"].pk])


def test_people_without_a_part_get_nothing(bob, grace, strategy):
    assert not [i for i in attention_for(bob) if i.key.startswith("programme.")]
    assert not [i for i in attention_for(grace) if i.key.startswith("programme.")]


def test_the_secretariat_sees_targets_at_risk_as_last_computed(alice, strategy):
    Target.objects.filter(pk=strategy["members"].pk).update(status=TargetStatus.AT_RISK)
    items = {item.key: item for item in attention_for(alice)}
    assert items["programme.targets_at_risk"].count == 1


def test_risk_owners_are_told_once_per_review_date(alice, strategy):
    call_command("programme_risk_reminders", stdout=io.StringIO())
    call_command("programme_risk_reminders", stdout=io.StringIO())
    notices = Notification.objects.filter(kind="risk_review_due", recipient=alice)
    assert notices.count() == 1
    assert "Too many candidates at once" in notices.get().title
    # A new review date is a new reminder.
    risk = strategy["risk"]
    risk.review_on = datetime.date.today() + datetime.timedelta(days=5)
    risk.save()
    assert risk_reviews_notify() == 1
    assert Notification.objects.filter(kind="risk_review_due", recipient=alice).count() == 2


def test_a_risk_far_from_review_is_not_told(alice, strategy):
    risk = strategy["risk"]
    risk.review_on = datetime.date.today() + datetime.timedelta(days=60)
    risk.save()
    assert risk_reviews_notify() == 0


def test_the_secretariat_is_told_when_a_target_becomes_at_risk_or_missed(alice, strategy):
    today = datetime.date.today()
    targets_recompute(today=today)  # the baseline: nobody told
    assert not Notification.objects.filter(kind="target_status_changed").exists()
    members = Target.objects.get(pk=strategy["members"].pk)
    Target.objects.filter(pk=members.pk).update(status=TargetStatus.MET, value=50)  # far out of reach now
    changed = targets_recompute(today=today)
    assert [t.pk for t in changed] == [members.pk]
    notice = Notification.objects.get(kind="target_status_changed", recipient=alice)
    assert "at risk" in notice.title
    targets_recompute(today=today)  # nothing changed: nobody told again
    assert Notification.objects.filter(kind="target_status_changed").count() == 1


def test_a_source_whose_app_does_not_exist_is_no_source():
    with pytest.raises(sources.NoSource):
        sources._lazy("icc.not_an_app.selectors", "anything")
    with pytest.raises(sources.NoSource):
        sources.fetch("unknown")


def test_the_lazy_sources_of_the_apps_being_written_are_wired_to_their_agreed_functions():
    names = {
        "course": ("icc.learning.selectors", "course_first_published_on"),
        "policy_tools": ("icc.policytools.selectors", "first_completed_assessment_on"),
        "impact_study": ("icc.impact.selectors", "impact_study_published_on"),
    }
    for key in names:
        try:
            result = sources.fetch(key)
        except sources.NoSource:
            continue  # that app has not provided its function yet: the page says "no source yet"
        assert all(isinstance(r.on, datetime.date) for r in result.records)


def test_funding_says_not_available_until_the_funding_app_provides_it(monkeypatch):
    monkeypatch.setattr(report, "_lazy", lambda *a: (_ for _ in ()).throw(sources.NoSource("x")))
    assert report.funding_section(2018).available is False


def test_the_annual_report_is_a_tagged_pdf_in_french(
    client, alice, strategy, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programme:report_list") + f"?period={strategy['period'].key}",
            {"year": "2025", "language": "fr"},
        )
    assert response.status_code == 302
    made = AnnualReport.objects.get()
    assert made.job is not None and not made.job.error
    pdf = client.get(reverse("programme:report_download", args=[made.pk]))
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "3 villes membres" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_year_outside_the_period_is_refused_on_its_field(client, alice, strategy):
    client.force_login(alice)
    response = client.post(reverse("programme:report_list"), {"year": "2001", "language": "en"})
    assert response.status_code == 400
    assert "Choose a year of the period" in response.content.decode()
    assert not AnnualReport.objects.exists()
