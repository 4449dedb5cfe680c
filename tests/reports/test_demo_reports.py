"""The demo reports: on a round named like the demo's Index 2022, one report in each state."""

import pytest

from icc.index.services import review
from icc.index.services.scores import round_scores_compute
from icc.reports.demo import load_demo_reports
from icc.reports.models import Report, ReportVersion
from tests.factories import ResponseFactory
from tests.index.helpers import fill_and_submit
from tests.reports.flow_helpers import quick_pdf

pytestmark = pytest.mark.usefixtures("quick_pdf")
__all__ = ["quick_pdf"]


def test_the_demo_has_a_report_in_each_state(alice, lyon, porto, reggio, bergamo, index_round):
    index_round.name = "Index 2022"
    index_round.save()
    for city in (lyon, porto, reggio, bergamo):
        response = fill_and_submit(ResponseFactory(round=index_round, city=city), city.name)
        review.response_validate(response=response, by=alice)
    round_scores_compute(round=index_round)  # once for the four (as the demo loader does)

    assert load_demo_reports().loaded
    assert not load_demo_reports().loaded  # once

    reports = list(Report.objects.order_by("response__city__name"))
    assert len(reports) == 4 and all(r.has_draft for r in reports)
    published = {r.response.city.name: r.versions.count() for r in reports if r.last_published_at}
    assert sorted(published.values()) == [1, 2]
    second = ReportVersion.objects.get(number=2)
    assert "adopted" in second.commentary["summary"]["en"] and "adopté" in second.commentary["summary"]["fr"]
    assert second.note
    drafts = [r for r in reports if not r.last_published_at]
    assert sorted(r.is_shared for r in drafts) == [False, True]
