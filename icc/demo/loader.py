"""Load every app's demo data, in the order of the dependencies, in one transaction."""

from dataclasses import dataclass

from django.db import transaction

from icc.activities.demo import load_activities_demo
from icc.clusters.demo import load_clusters_demo
from icc.evaluations.demo import load_evaluations_demo
from icc.experts.demo import load_experts_demo
from icc.funding.demo import load_funding_demo
from icc.gaps.demo import load_gaps_demo
from icc.impact.demo import load_impact_demo
from icc.index.demo import IndexDemoResult, load_index_demo, load_publication_demo, muted_mail
from icc.index.models import ResponseStatus, Round
from icc.index.services.scores import round_scores_compute
from icc.learning.demo import load_learning_demo
from icc.network.demo import DemoResult, load_demo
from icc.outreach.demo import load_outreach_demo
from icc.policytools.demo import load_policytools_demo
from icc.practices.demo import load_practices_demo
from icc.programme.demo import load_programme_demo
from icc.reports.demo import load_demo_reports
from icc.strategies.demo import load_strategies_demo
from icc.surveys.demo import load_surveys_demo


@dataclass
class Loaded:
    network: DemoResult
    index: IndexDemoResult
    published: int  # cities whose results the demo publishes (0 when kept from an earlier load)
    reports: DemoResult
    gaps: DemoResult | None = None  # the gap tool's figures (icc/gaps/demo.py)


def load_demo_data() -> Loaded:
    """The demo network (into an empty register), then the Index rounds (on the demo network, when it has
    none yet: a database loaded before the Index existed gets them now). Each part loads once."""
    with muted_mail(), transaction.atomic():
        network = load_demo()
        index = load_index_demo()
        # The closed rounds are bulk-loaded, past the validation that scores a round: score them here.
        for round_ in Round.objects.filter(responses__status=ResponseStatus.VALIDATED).distinct():
            round_scores_compute(round=round_, only_if_stale=True)
        published = load_publication_demo()
        reports = load_demo_reports()  # after the scores and the publication decisions it reads
        gaps = load_gaps_demo()
        load_experts_demo()  # the expert pool, then its work, visits and profiles (on the demo network)
        load_practices_demo()  # the good-practice collection, policy briefs, the anti-rumour spread
        load_activities_demo()  # the annual programme, events, registrations and funding, 2016 to now
        load_clusters_demo()  # learning clusters matched from the Index, the policy lab (after activities)
        load_strategies_demo()
        load_evaluations_demo()
        load_policytools_demo()
        load_funding_demo()
        load_outreach_demo()
        load_surveys_demo()
        load_learning_demo()
        load_impact_demo()
        load_programme_demo()  # last: its targets are computed from every other app's records
    return Loaded(network=network, index=index, published=published, reports=reports, gaps=gaps)
