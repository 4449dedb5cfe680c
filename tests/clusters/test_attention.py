""" "Needs you" for learning clusters and the policy lab: reports to review and applications to decide (the
secretariat), reports due and returned (the lead expert)."""

import datetime

from django.utils import timezone

from icc.clusters.models import LabCall, PolicyLab, ProgressReport
from icc.clusters.services import lab as lab_services
from icc.core.attention import attention_for
from tests.clusters.helpers import make_cluster
from tests.experts.profile_fixtures import expert_for

KEYS = {"clusters.report_review", "clusters.applications", "clusters.report_returned", "clusters.report_due"}


def _keys(user) -> dict[str, int]:
    return {item.key: item.count for item in attention_for(user) if item.key in KEYS}


def test_a_lead_expert_is_asked_for_the_report_due_and_then_the_secretariat_to_review_it(alice, erin, grace):
    cluster = make_cluster(
        lead=expert_for(erin), starts_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    assert _keys(erin) == {"clusters.report_due": 1}
    assert _keys(alice) == {}
    report = ProgressReport.objects.create(
        cluster=cluster,
        period_start=cluster.starts_on,
        period_end=timezone.localdate() - datetime.timedelta(days=1),
        text="Done.",
        submitted_at=timezone.now(),
    )
    assert _keys(erin) == {}
    assert _keys(alice) == {"clusters.report_review": 1}
    report.status = "returned"
    report.save()
    assert _keys(erin) == {"clusters.report_returned": 1}
    assert _keys(grace) == {}


def test_the_secretariat_is_asked_to_score_and_decide_applications(alice):
    lab = PolicyLab.objects.create(title_en="Lab", first_year=2026, last_year=2027)
    today = timezone.localdate()
    call = LabCall.objects.create(lab=lab, title_en="Call", opens_on=today, closes_on=today)
    for i in range(2):
        lab_services.application_submit(
            call=call,
            full_name=f"Applicant {i}",
            email=f"a{i}@example.org",
            organisation="University",
            organisation_type="academia",
            country="DE",
            motivation="Research on integration.",
            consent=True,
        )
    items = {item.key: item for item in attention_for(alice)}
    assert items["clusters.applications"].count == 2
    assert items["clusters.applications"].detail == "2 not scored yet."
