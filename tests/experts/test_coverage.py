"""Coverage: which members of each national network have had an expert visit, and which not yet."""

import datetime

from icc.experts.models import AssignmentStatus
from icc.experts.selectors.work import coverage
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment


def test_a_member_counts_as_visited_once_a_review_or_first_visit_is_done(alice, reggio, bergamo):
    make_assignment("network_member_review", city=reggio, starts_on=datetime.date(2019, 5, 1), status="done")
    # Planned work, or other kinds of work, do not count.
    make_assignment("network_member_review", city=bergamo, starts_on=datetime.date(2027, 5, 1))
    make_assignment("policy_workshop", city=bergamo, status=AssignmentStatus.DONE)
    [rici] = coverage()
    assert [row.city.name for row in rici.visited] == ["Reggio Emilia"]
    assert [row.city.name for row in rici.missing] == ["Bergamo"]
    assert rici.share == 50
    page = client_for(alice).get("/experts/coverage/").content.decode()
    assert "Not yet visited:" in page and "Bergamo" in page
