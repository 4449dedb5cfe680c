"""Recomputing a round's scores from its page is a background job: the request returns at once, the
page follows the progress and says what changed, or why it failed."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from icc.core.models import Job
from tests.conftest import client_for


def test_the_page_follows_a_recompute_running_in_the_background(
    scored, alice, django_capture_on_commit_callbacks
):
    lyon, _porto = scored
    as_alice = client_for(alice)
    page = reverse("index:round_scores", args=[lyon.round_id])
    recompute = reverse("index:round_scores_recompute", args=[lyon.round_id])
    with django_capture_on_commit_callbacks(execute=True):
        started = as_alice.post(recompute, follow=True)
        text = started.content.decode()
        assert "The scores are being recomputed in the background" in text
        assert 'data-hx-trigger="every 2s"' in text
        assert "Recompute the scores</button>" not in text
        again = as_alice.post(recompute, follow=True).content.decode()
        assert "The scores are being recomputed already" in again
    assert Job.objects.filter(kind="scores-recompute").count() == 1
    # Done: the polling fragment reloads the page, with its button back.
    assert as_alice.get(page, HTTP_HX_REQUEST="true").headers["HX-Refresh"] == "true"
    assert "Recompute the scores</button>" in as_alice.get(page).content.decode()


def test_when_it_runs_at_once_the_page_says_what_changed(scored, alice, monkeypatch):
    from icc.core import jobs

    lyon, _porto = scored
    monkeypatch.setattr(jobs.transaction, "on_commit", lambda callback: callback())
    done = client_for(alice).post(reverse("index:round_scores_recompute", args=[lyon.round_id]), follow=True)
    assert "Scores recomputed: nothing changed." in done.content.decode()


def test_a_failed_recompute_says_why(scored, alice, monkeypatch):
    from icc.core import jobs
    from icc.index.services import recompute_job

    lyon, _porto = scored

    def broken(**kwargs):
        raise ValidationError("The scores of Index 2026 cannot be computed: a broken record.")

    monkeypatch.setattr(jobs.transaction, "on_commit", lambda callback: callback())
    monkeypatch.setattr(recompute_job, "round_scores_compute", broken)
    text = (
        client_for(alice)
        .post(reverse("index:round_scores_recompute", args=[lyon.round_id]), follow=True)
        .content.decode()
    )
    assert "a broken record." in text
    assert "The latest recompute failed" in text


def test_only_the_secretariat_recomputes(scored, bob):
    lyon, _porto = scored
    answer = client_for(bob).post(reverse("index:round_scores_recompute", args=[lyon.round_id]))
    assert answer.status_code in (403, 404)
    assert not Job.objects.exists()
