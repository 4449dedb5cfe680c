"""The demo's expert work: ten years of visits and workshops, statuses and claims in every state, an open call
with answers, a first visit in progress for a candidate city, and the demo expert's own work."""

from icc.experts.demo import load_experts_demo
from icc.experts.demo_visits import load_expert_work
from icc.experts.models import Assignment, AssignmentStatus, CallInterest, ClaimStatus, ExpenseClaim
from icc.experts.selectors.work import coverage
from icc.network.demo import load_demo
from icc.network.models import CityStatus


def test_the_demo_has_ten_years_of_expert_work_in_every_state(db):
    load_demo()
    counts = load_experts_demo()
    assert counts["load_expert_work"] > 100
    assert load_expert_work() == 0  # loaded once

    done_years = set(
        Assignment.objects.filter(status=AssignmentStatus.DONE).values_list("starts_on__year", flat=True)
    )
    assert set(range(2017, 2027)) <= done_years
    assert set(Assignment.objects.values_list("status", flat=True)) == set(AssignmentStatus.values)
    assert not Assignment.objects.filter(status=AssignmentStatus.CANCELLED, cancel_reason="").exists()
    assert set(ExpenseClaim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    # Nobody from the city's own country on a first visit.
    for visit in Assignment.objects.filter(kind__key="first_visit").select_related("city"):
        assert visit.city.country not in {m.expert.country for m in visit.team.select_related("expert")}
    call = Assignment.objects.get(open_call=True)
    assert CallInterest.objects.filter(assignment=call).count() == 4
    tallinn = Assignment.objects.get(kind__key="first_visit", city__name_en="Tallinn")
    assert tallinn.city.status == CityStatus.CANDIDATE and tallinn.status == AssignmentStatus.CONFIRMED
    assert tallinn.team.get(lead=True).expert.user.email == "expert@demo.icc"
    # Some network members are still to be visited.
    assert any(network.missing for network in coverage())
    assert any(network.visited for network in coverage())
