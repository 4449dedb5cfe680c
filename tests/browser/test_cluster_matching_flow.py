"""A learning cluster's members matched from the Index, in the browser: the secretariat opens the matching
page of the cluster's theme, reads why each city is suggested, unticks one suggested learner, adds the
others, and the cluster's page shows them with their role and reasons; the cluster and matching pages pass
axe (WCAG 2.1 AA)."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from icc.clusters.models import ClusterMember
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.clusters.helpers import make_cluster, network_with_scores

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_the_secretariat_picks_suggested_cities_and_the_cluster_shows_them(
    page: Page, transactional_db, alice
):
    # The themes of the data migration (a test before may have emptied every table).
    importlib.import_module("icc.clusters.migrations.0002_themes_criteria_targets").load(apps, None)
    network_with_scores()
    cluster = make_cluster(status="planned", title="Refugees welcome")

    sign_in(page, "alice@example.org", PASSWORD, f"/clusters/{cluster.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Refugees welcome")
    expect(page.locator("main")).to_contain_text("No member city yet.")
    page.get_by_role("link", name="Match cities from the Index").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match cities for “Refugee reception”")
    mentors = page.get_by_role("table", name="Suggested mentors")
    learners = page.get_by_role("table", name="Suggested learners")
    expect(mentors).to_contain_text("Oslo")
    expect(mentors).to_contain_text("above the network's mean")
    expect(learners).to_contain_text("Nantes")
    expect(learners).to_contain_text("weakest in")
    assert_accessible(page)

    learners.get_by_label("Trondheim").uncheck()
    page.get_by_role("button", name="Add the ticked cities to the cluster").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Refugees welcome")
    expect(page.locator("main .messages")).to_contain_text("Added to the cluster:")
    members = page.get_by_role("table", name="Member cities")
    for name in ("Oslo", "Lyon", "Bergamo", "Nantes", "Bremen"):
        expect(members).to_contain_text(name)
    expect(members).not_to_contain_text("Trondheim")
    expect(members.locator("tr[data-member=oslo]")).to_contain_text("mentor")
    expect(members.locator("tr[data-member=nantes]")).to_contain_text("learner")
    expect(members.locator("tr[data-member=nantes]")).to_contain_text("below the network's mean")
    assert_accessible(page)
    assert set(ClusterMember.objects.filter(cluster=cluster).values_list("city__slug", flat=True)) == {
        "oslo",
        "lyon",
        "bergamo",
        "nantes",
        "bremen",
    }
