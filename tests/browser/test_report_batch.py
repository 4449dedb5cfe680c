"""The round's reports page follows a batch of drafts by itself: its progress bar moves while the worker
generates the drafts (htmx polls every 2 seconds), and the page reloads with the result once it is done."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from icc.core.models import Job, JobStatus
from icc.reports.services.batches import BATCH_JOB, batch_key
from tests.browser.test_accession_flow import sign_in

pytestmark = pytest.mark.browser


def test_the_progress_bar_moves_by_itself_and_the_page_shows_the_result(
    page: Page, transactional_db, alice, scored
):
    lyon, porto = scored
    # A batch that a worker runs (not inline): this test plays the worker by writing its progress.
    batch = Job.objects.create(
        kind=BATCH_JOB,
        key=batch_key(lyon.round_id, 1),
        requested_by=alice,
        status=JobStatus.RUNNING,
        total=2,
    )
    sign_in(page, "alice@example.org", "correct horse battery", f"/reports/manage/rounds/{lyon.round_id}/")
    card = page.locator(f"#job-{batch.pk}")
    expect(card.get_by_role("heading", level=2)).to_have_text("Generating the reports")
    expect(card.get_by_role("status")).to_contain_text("0 of 2 processed")
    expect(page.get_by_role("button", name="Generate every draft")).to_be_disabled()

    failure = {"city": "Porto", "response": porto.pk, "error": "the evidence is unreadable"}
    Job.objects.filter(pk=batch.pk).update(done=1, result={"language": "en", "failures": [failure]})
    expect(card.get_by_role("status")).to_contain_text("1 of 2 processed")
    expect(card.get_by_role("alert")).to_contain_text("Porto: the evidence is unreadable")

    Job.objects.filter(pk=batch.pk).update(done=2, status=JobStatus.FINISHED, finished_at=timezone.now())
    expect(card.get_by_role("heading", level=2)).to_have_text("Latest generation of the reports")
    expect(card.get_by_role("status")).to_contain_text("2 of 2 processed · Finished")
    expect(card).to_contain_text(": 1 generated.")
    expect(page.get_by_role("button", name="Generate every draft")).to_be_enabled()
