"""The initiation course in the browser: a learner starts the course, reads the lesson, answers its quiz wrong
and reads the feedback, answers right, completes the course and downloads the certificate; the lesson page
passes axe (WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.learning.helpers import make_course

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_a_learner_takes_a_lesson_completes_the_course_and_downloads_the_certificate(
    page: Page, transactional_db, alice, grace
):
    course = make_course(alice, lessons=1)
    sign_in(page, "grace@example.org", PASSWORD, f"/learning/{course.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("The intercultural approach")
    page.get_by_role("button", name="Start the course").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1")
    expect(page.locator("main")).to_contain_text("Text of lesson 1.")
    assert_accessible(page)

    page.get_by_role("group", name="1. Question 1.1?").get_by_label("Wrong").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#quiz-score")).to_contain_text("Your score: 0 %")
    expect(page.locator("main")).to_contain_text("No: read again.")
    assert_accessible(page)

    page.get_by_role("group", name="1. Question 1.1?").get_by_label("Right").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#quiz-score")).to_contain_text("Quiz passed.")
    expect(page.locator("main")).to_contain_text("You completed the course.")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
