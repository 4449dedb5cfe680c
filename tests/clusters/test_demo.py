"""The demo's learning clusters and policy lab: four clusters (two launched in 2016, two in 2018), members
were matched from the Index, with meetings and progress reports; the lab's cohorts with sessions and
attendance, and an open call with scored applications."""

import datetime

from icc.activities.demo import load_activities_demo
from icc.clusters import selectors
from icc.clusters.demo import load_clusters_demo
from icc.clusters.models import ApplicationStatus, LabCall, LearningCluster, ProgressReport
from icc.experts.demo import load_experts_demo
from icc.index.demo import load_index_demo, load_publication_demo, muted_mail
from icc.index.models import ResponseStatus, Round
from icc.index.services.scores import round_scores_compute
from icc.network.demo import load_demo

TODAY = datetime.date(2026, 12, 7)


def test_the_demo_has_four_matched_clusters_and_a_policy_lab_with_continuity(db):
    with muted_mail():
        load_demo()
        load_index_demo()
        for round_ in Round.objects.filter(responses__status=ResponseStatus.VALIDATED).distinct():
            round_scores_compute(round=round_, only_if_stale=True)
        load_publication_demo()
        load_experts_demo()
        load_activities_demo()
        loaded = load_clusters_demo(today=TODAY)
    assert load_clusters_demo(today=TODAY).clusters == 0  # loaded once

    assert sorted(LearningCluster.objects.values_list("starts_on__year", flat=True)) == [
        2016,
        2016,
        2018,
        2018,
    ]
    assert {t.year: t.met for t in selectors.targets_progress()} == {2016: True, 2018: True}
    for cluster in LearningCluster.objects.all():
        members = list(cluster.members.all())
        mentors = [m for m in members if m.role == "mentor"]
        learners = [m for m in members if m.role == "learner"]
        assert len(mentors) == 3 and len(learners) == 5
        # Chosen from the matching: every mentor scored above every learner, with the reasons kept.
        assert min(m.matching["theme_score"] for m in mentors) > max(
            m.matching["theme_score"] for m in learners
        )
        assert all(selectors.recorded_reasons(m.matching) for m in members)
        assert cluster.meetings.count() >= 3
        terms = selectors.terms_of_reference(cluster)
        assert terms is not None and terms.file.read().startswith(b"%PDF-1.4")
        assert selectors.cluster_gender_balance(cluster).total >= 10
    running = LearningCluster.objects.get(status="running")
    assert running.lead_expert.user.email == "expert@demo.icc"
    assert ProgressReport.objects.filter(cluster=running, status="submitted").count() == 1
    assert loaded.reports == ProgressReport.objects.count() > 20

    figures = [
        selectors.cohort_figures(lab, today=TODAY)
        for lab in selectors.labs().filter(sessions__isnull=False).distinct()
    ]
    assert len(figures) == 3
    for cohort in figures:
        assert len(cohort.members) == 16
        assert 2 * 3 <= len(cohort.sessions) <= 3 * 3
        assert 60 <= cohort.continuity.share <= 100
        assert cohort.balance.women_share is not None and 35 <= cohort.balance.women_share <= 65
    open_call = LabCall.objects.get(closes_on__gte=TODAY)
    rows = selectors.call_applications(open_call)
    assert len(rows) == 12 and sum(1 for r in rows if r.rank is not None) == 8
    assert all(r.application.status == ApplicationStatus.SUBMITTED for r in rows)
