"""Load every app's demo data, in the order of the dependencies, in one transaction."""

from dataclasses import dataclass

from django.db import transaction

from icc.activities.demo import load_activities_demo
from icc.clusters.demo import load_clusters_demo
from icc.experts.demo import load_experts_demo
from icc.gaps.demo import load_gaps_demo
from icc.index.demo import IndexDemoResult, load_index_demo, load_publication_demo, muted_mail
from icc.index.models import ResponseStatus, Round
from icc.index.services.scores import round_scores_compute
from icc.network.demo import DemoResult, load_demo
from icc.practices.demo import load_practices_demo
from icc.reports.demo import load_demo_reports


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
    return Loaded(network=network, index=index, published=published, reports=reports, gaps=gaps)
