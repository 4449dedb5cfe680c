"""A batch rendered by worker processes (a process per core in production) makes the same reports as a batch
made in one process, and records its progress the same way."""

import io
import sqlite3

import pytest
from django.db import connection
from pypdf import PdfReader

from icc.core.models import Job, JobStatus
from icc.reports.models import REPORT_LANGUAGES, Report
from icc.reports.services import workers
from icc.reports.services.batches import report_batch_start

pytestmark = pytest.mark.django_db(transaction=True)  # the workers read what the test committed


def _texts() -> dict[tuple[str, str], str]:
    """The text of every draft PDF, by city and language."""
    texts = {}
    for report in Report.objects.select_related("response__city"):
        for language in REPORT_LANGUAGES:
            with report.draft_file("pdf", language).open("rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
            texts[(report.response.city.name, language)] = "\n".join(p.extract_text() for p in reader.pages)
    return texts


def _run_batch(round_, by, capture) -> Job:
    with capture(execute=True):
        job, started = report_batch_start(round=round_, by=by)
    assert started
    return Job.objects.get(pk=job.pk)


@pytest.fixture
def workers_read_a_file(monkeypatch, tmp_path):
    """Another process cannot open SQLite's in-memory test database: once the test's data is committed,
    the workers get a file copy of it (PostgreSQL's test database they open as it is)."""

    def copy() -> None:
        if not workers._in_memory(workers.worker_settings()["DATABASES"]):
            return
        path = tmp_path / "workers.sqlite3"
        with sqlite3.connect(path) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        real = workers.worker_settings

        def file_settings():
            chosen = real()
            databases = {
                **chosen["DATABASES"],
                "default": {**chosen["DATABASES"]["default"], "NAME": str(path)},
            }
            return {**chosen, "DATABASES": databases}

        monkeypatch.setattr(workers, "worker_settings", file_settings)

    return copy


def test_two_worker_processes_make_the_same_reports_as_one_process(
    scored, alice, settings, workers_read_a_file, django_capture_on_commit_callbacks
):
    lyon, _porto = scored
    settings.REPORT_BATCH_PROCESSES = 1
    alone = _run_batch(lyon.round, alice, django_capture_on_commit_callbacks)
    one_process = _texts()
    Report.objects.all().delete()  # or the second batch would reuse the first one's PDFs

    workers_read_a_file()
    settings.REPORT_BATCH_PROCESSES = 2
    assert workers.batch_processes(2) == 2
    together = _run_batch(lyon.round, alice, django_capture_on_commit_callbacks)

    for job in (alone, together):
        assert (job.status, job.total, job.done, job.result["failures"]) == (JobStatus.FINISHED, 2, 2, [])
    two_processes = _texts()
    assert set(two_processes) == {(city, lang) for city in ("Lyon", "Porto") for lang in REPORT_LANGUAGES}
    assert two_processes == one_process
    assert "Porto" in two_processes[("Porto", "en")] and "Lyon" in two_processes[("Lyon", "fr")]


def test_a_batch_stays_in_one_process_when_the_workers_could_not_open_the_database(settings):
    settings.REPORT_BATCH_PROCESSES = 4
    in_memory = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "file:memorydb?mode=memory"}}
    assert workers._in_memory(in_memory)
    assert not workers._in_memory({"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "icc"}})
    assert workers.batch_processes(1) == 1  # one draft: no worker to start


def test_a_batch_whose_worker_processes_die_makes_its_drafts_in_its_own_process(
    scored, alice, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.reports.flow_helpers import stand_in_pdf

    lyon, _porto = scored
    monkeypatch.setattr("icc.reports.pdf.html_to_pdf", stand_in_pdf)
    settings.REPORT_BATCH_PROCESSES = 2
    # Workers that cannot start (an app that does not exist): the pool breaks before any draft is made.
    broken = {
        "DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "icc"}},
        "INSTALLED_APPS": ["icc.no_such_app"],
    }
    monkeypatch.setattr(workers, "worker_settings", lambda: broken)

    job = _run_batch(lyon.round, alice, django_capture_on_commit_callbacks)

    assert (job.status, job.done, job.result["failures"]) == (JobStatus.FINISHED, 2, [])
    assert Report.objects.filter(draft_generated_at__isnull=False).count() == 2
