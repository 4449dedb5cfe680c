"""Generating the drafts of a whole round in the background (a `core.Job` of kind report-batch): progress
after each city, a failing city recorded with its error while the others are generated, the page that
polls it, one batch per round at a time, and the batches kept when they moved onto jobs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from icc.core.models import Job, JobStatus
from icc.reports.models import Report
from icc.reports.services.batches import BATCH_JOB, batch_key, report_batch_start
from tests.conftest import client_for
from tests.factories import ResponseFactory, RoundFactory
from tests.index.helpers import fill_and_submit, validate
from tests.reports.flow_helpers import quick_pdf

pytestmark = pytest.mark.usefixtures("quick_pdf")
__all__ = ["quick_pdf"]


@pytest.fixture
def three_cities(scored, alice, reggio, index_round, django_capture_on_commit_callbacks):
    lyon, porto = scored
    reggio_response = fill_and_submit(ResponseFactory(round=index_round, city=reggio), "Reggio Emilia")
    validate(reggio_response, alice, django_capture_on_commit_callbacks)
    return lyon, porto, reggio_response


@pytest.fixture
def porto_breaks(monkeypatch):
    """The content of Porto's report cannot be made (a broken record, say); the others can."""
    from icc.reports.selectors import city_report

    real = city_report.city_report_content

    def content(response, *, language):
        if response.city.name == "Porto":
            raise RuntimeError("the evidence of question 3.2 is unreadable")
        return real(response, language=language)

    monkeypatch.setattr(city_report, "city_report_content", content)


def running_batch(round_, by, *, done=1, number=1, **fields):
    return Job.objects.create(
        kind=BATCH_JOB,
        key=batch_key(round_.pk, number),
        requested_by=by,
        status=JobStatus.RUNNING,
        total=3,
        done=done,
        **fields,
    )


def test_a_batch_generates_every_draft_and_lists_the_failing_city(
    three_cities, porto_breaks, alice, monkeypatch, django_capture_on_commit_callbacks
):
    lyon, porto, reggio = three_cities
    from icc.reports.services import batches

    seen: list[tuple[int, list]] = []
    generate = batches.report_generate_draft

    def spy(*, response, by):
        job = Job.objects.get(kind=BATCH_JOB)  # the progress saved before each city, as the page sees it
        seen.append((job.done, [f["city"] for f in job.result.get("failures", [])]))
        return generate(response=response, by=by)

    monkeypatch.setattr(batches, "report_generate_draft", spy)
    as_alice = client_for(alice)
    round_url = reverse("reports:round_reports", args=[lyon.round_id])

    with django_capture_on_commit_callbacks(execute=True):
        started = as_alice.post(reverse("reports:batch_start", args=[lyon.round_id]), follow=True)

    assert started.redirect_chain[-1][0] == round_url
    batch = Job.objects.get()
    assert batch.kind == BATCH_JOB and batch.requested_by == alice
    # Lyon, Porto (fails), Reggio Emilia: Porto's failure is on the page before Reggio's draft is made.
    assert seen == [(0, []), (1, []), (2, ["Porto"])]
    assert (batch.status, batch.total, batch.done) == (JobStatus.FINISHED, 3, 3)
    assert batch.result["failures"] == [
        {"city": "Porto", "response": porto.pk, "error": "the evidence of question 3.2 is unreadable"}
    ]
    assert set(
        Report.objects.filter(draft_generated_at__isnull=False).values_list("response", flat=True)
    ) == {lyon.pk, reggio.pk}
    page = as_alice.get(round_url).content.decode()
    assert "3 of 3 processed" in page
    assert ": 2 generated." in page
    assert "1 report failed" in page
    assert "<strong>Porto</strong>: the evidence of question 3.2 is unreadable" in page
    assert "3 validated cities: 2 with a draft" in page
    assert "hx-trigger" not in page


@pytest.mark.parametrize("page", ["round", "batch"])
def test_the_progress_bar_polls_while_the_batch_runs_and_reloads_the_page_when_it_is_done(
    three_cities, alice, page
):
    lyon, porto, _reggio = three_cities
    failure = {"city": "Porto", "response": porto.pk, "error": "unreadable"}
    batch = running_batch(lyon.round, alice, result={"language": "en", "failures": [failure]})
    as_alice = client_for(alice)
    url = (
        reverse("reports:round_reports", args=[lyon.round_id])
        if page == "round"
        else reverse("reports:batch_progress", args=[batch.pk])
    )

    whole = as_alice.get(url).content.decode()
    assert f'data-hx-get="{url}" data-hx-trigger="every 2s"' in whole
    assert "Generating the reports" in whole
    if page == "round":
        assert '<button type="submit" disabled>' in whole  # no second batch while this one runs

    running = as_alice.get(url, headers={"HX-Request": "true"})
    fragment = running.content.decode()
    assert 'data-hx-trigger="every 2s"' in fragment
    assert f'<progress id="job-{batch.pk}-bar" max="3" value="1"' in fragment
    assert "1 of 3 processed" in fragment
    assert "<strong>Porto</strong>: unreadable" in fragment  # failures show while the others go on
    assert "<html" not in fragment

    Job.objects.filter(pk=batch.pk).update(status=JobStatus.FINISHED, done=3, finished_at=timezone.now())
    finished = as_alice.get(url, headers={"HX-Request": "true"})
    assert finished.headers["HX-Refresh"] == "true"  # the page reloads and shows what the batch made
    done = as_alice.get(url).content.decode()
    assert "hx-trigger" not in done and "3 of 3 processed" in done
    assert "Latest generation of the reports" in done and ": 2 generated." in done


def test_starting_a_batch_twice_starts_one(three_cities, alice, django_capture_on_commit_callbacks):
    lyon, _porto, _reggio = three_cities
    as_alice = client_for(alice)
    start = reverse("reports:batch_start", args=[lyon.round_id])

    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker has taken it yet
        as_alice.post(start)
        second = as_alice.post(start, follow=True)

    assert len(queued) == 1
    batch = Job.objects.get()
    assert (batch.kind, batch.key, batch.status) == (BATCH_JOB, batch_key(lyon.round_id, 1), JobStatus.QUEUED)
    assert "Reports of this round are being generated already" in second.content.decode()
    again, started = report_batch_start(round=lyon.round, by=alice)
    assert (again, started) == (batch, False)


def test_a_new_batch_may_start_once_the_last_one_is_done(
    three_cities, alice, django_capture_on_commit_callbacks
):
    lyon, _porto, _reggio = three_cities
    other_round = RoundFactory(name="Index 2030")
    running_batch(other_round, alice)  # another round's batch does not hold this one back
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            batch, started = report_batch_start(round=lyon.round, by=alice)
        assert started and Job.objects.get(pk=batch.pk).status == JobStatus.FINISHED

    assert list(
        Job.objects.filter(key__startswith=f"{BATCH_JOB}:{lyon.round_id}:").values_list("key", flat=True)
    ) == [batch_key(lyon.round_id, 2), batch_key(lyon.round_id, 1)]
    page = client_for(alice).get(reverse("reports:round_reports", args=[lyon.round_id])).content.decode()
    assert f"job-{batch.pk}-bar" in page  # the round's page shows its latest batch


def test_a_batch_whose_worker_died_gives_way_after_30_minutes(three_cities, alice):
    lyon, _porto, _reggio = three_cities
    stalled = running_batch(lyon.round, alice)
    Job.objects.filter(pk=stalled.pk).update(updated=timezone.now() - datetime.timedelta(minutes=29))
    assert report_batch_start(round=lyon.round, by=alice) == (stalled, False)

    Job.objects.filter(pk=stalled.pk).update(updated=timezone.now() - datetime.timedelta(minutes=31))
    batch, started = report_batch_start(round=lyon.round, by=alice)

    assert started and batch.key == batch_key(lyon.round_id, 2)
    stalled.refresh_from_db()
    assert stalled.status == JobStatus.FAILED and "stopped moving for more than 30 minutes" in stalled.error


def test_a_round_without_a_validated_response_has_no_batch(alice, index_round):
    with pytest.raises(ValidationError) as caught:
        report_batch_start(round=index_round, by=alice)
    assert "there is no report to generate" in caught.value.message_dict["round"][0]
    assert not Job.objects.exists()


def test_only_the_secretariat_starts_a_batch(three_cities, bob, erin):
    lyon, _porto, _reggio = three_cities
    for person in (bob, erin):
        assert (
            client_for(person).post(reverse("reports:batch_start", args=[lyon.round_id])).status_code == 403
        )
    assert not Job.objects.exists()


def test_the_batch_page_is_only_for_batches(alice):
    other = Job.objects.create(kind="cities-import", key="cities-import:abc", requested_by=alice)
    as_alice = client_for(alice)
    assert as_alice.get(reverse("reports:batch_progress", args=[other.pk])).status_code == 404

    from icc.reports.tasks import report_batch_run

    report_batch_run.call(other.pk)  # a task queued with another job's id leaves that job alone
    other.refresh_from_db()
    assert other.status == JobStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_the_batches_made_before_jobs_become_jobs(alice):
    """Migration reports 0003: each old batch becomes a job with its progress, failures and dates; one
    that was still running is closed, so that a new one may start."""
    round_ = RoundFactory(name="Index 2022")
    before = [("reports", "0002_report_status")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        ReportBatch = executor.loader.project_state(before).apps.get_model("reports", "ReportBatch")
        failure = {"city": "Porto", "response": 7, "error": "unreadable"}
        old = ReportBatch.objects.create(
            round_id=round_.pk, requested_by_id=alice.pk, status="finished", total=3, done=3,
            failures=[failure], finished_at=timezone.now(),
        )  # fmt: skip
        created = timezone.now() - datetime.timedelta(days=400)
        ReportBatch.objects.filter(pk=old.pk).update(created=created)
        ReportBatch.objects.create(round_id=round_.pk, status="running", total=3, done=1)
    finally:
        # Every app: going back unapplied the migrations that depend on reports' (experts 0003).
        call_command("migrate", verbosity=0)

    first, second = Job.objects.filter(kind=BATCH_JOB).order_by("created")
    assert (first.key, first.status, first.requested_by, first.done) == (
        batch_key(round_.pk, 1),
        JobStatus.FINISHED,
        alice,
        3,
    )
    assert first.created == created and first.result["failures"] == [failure]
    assert (second.key, second.status, second.done) == (batch_key(round_.pk, 2), JobStatus.FAILED, 1)
    assert "Interrupted by an upgrade" in second.error
    # and back: the jobs become batches again
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        ReportBatch = executor.loader.project_state(before).apps.get_model("reports", "ReportBatch")
        assert list(ReportBatch.objects.order_by("created").values_list("status", "done")) == [
            ("finished", 3),
            ("finished", 1),
        ]
        assert not Job.objects.filter(kind=BATCH_JOB).exists()
    finally:
        # Every app: going back unapplied the migrations that depend on reports' (experts 0003).
        call_command("migrate", verbosity=0)
    assert Job.objects.filter(kind=BATCH_JOB).count() == 2
