"""The residents' questionnaire in the browser: a resident answers the public questionnaire without an
account (the page passes axe, WCAG 2.1 AA) and is thanked; the city's coordinator signs in, reads the
weighted results of the closed survey (design effect, "don't know" apart) and publishes them, and the public
results page shows them."""

import pytest
from playwright.sync_api import Page, expect

from icc.surveys.models import SurveyAnswer
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.surveys.helpers import add_answers, make_survey, skewed_answers

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_a_resident_answers_and_the_coordinator_publishes_weighted_results(
    page: Page, transactional_db, bob, lyon
):
    page.set_default_timeout(
        180_000
    )  # two cores shared by many: the first request warms the server (40 s seen)
    open_survey = make_survey(lyon, by=bob)
    closed = make_survey(lyon, by=bob, open_now=False, title_en="Living together 2026")
    add_answers(closed, skewed_answers(400))

    page.goto(f"/en/surveys/{lyon.slug}/{open_survey.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Living together in Lyon")
    assert_accessible(page)
    knows = page.get_by_role("group", name="Do you know of a place in the city where residents can report")
    knows.get_by_label("Yes").check()
    page.get_by_role("group", name="How much do you trust the city administration?").get_by_label(
        "Much trust"
    ).check()
    page.get_by_role("group", name="How old are you?").get_by_label("30 to 44").check()
    page.get_by_label("I agree to answer.").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    answer = SurveyAnswer.objects.get(survey=open_survey)
    assert answer.answers == {
        "knowing.antidiscrimination_service": "yes",
        "trust.city_administration": "4",
        "about.age_band": "30-44",
    }

    sign_in(page, "bob@example.org", PASSWORD, f"/surveys/{closed.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Living together 2026")
    main = page.locator("main")
    expect(main).to_contain_text("Weighted to the city's population by age band and gender")
    expect(main).to_contain_text("Design effect")
    expect(main).to_contain_text("Don't know (share of all who answered)")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the results").click()
    expect(main).to_contain_text("Results published.")
    page.get_by_role("link", name="public page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Living together 2026")
    expect(page.locator("main")).to_contain_text("Do you know of a place in the city")
    assert_accessible(page)
