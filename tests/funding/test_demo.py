"""The demo's funding and partners: budgets 2016-2026, applications in every status, eight partners."""

import datetime

import pytest

from icc.funding.demo import load_funding_demo
from icc.funding.models import ApplicationStatus, BudgetLine, FundingApplication, Partner
from icc.funding.selectors import deadlines_due, funding_for_year

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


def test_the_demo_loads_budgets_applications_and_partners_once():
    loaded = load_funding_demo(today=TODAY)
    assert loaded.partners == 8
    assert sorted(set(BudgetLine.objects.values_list("year", flat=True))) == list(range(2016, 2027))
    statuses = set(FundingApplication.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    assert Partner.objects.public().count() == 6
    assert len(deadlines_due(TODAY)) >= 2
    ordinary = next(line for line in funding_for_year(2019).income if "ordinary" in line.label)
    assert 480_000 <= ordinary.amount <= 680_000
    assert load_funding_demo(today=TODAY).partners == 0  # a second load adds nothing
