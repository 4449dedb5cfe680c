"""Scaling out is configuration (docs/operations.md, "Scaling out"): Redis as the cache and rate-limit store
shared by several app servers, a separate `icc db_worker` process taking queued work from the database, and
media on S3-compatible storage. An unknown cache scheme, or S3 without a bucket, is refused at start-up."""

import os
import runpy
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "icc" / "settings.py"
ICC = Path(sys.executable).parent / "icc"
# Every variable these settings read: the suite's own environment must not leak into these tests.
READ = [
    "CACHE_URL",
    "MEDIA_STORAGE",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
]
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def settings_with(monkeypatch, tmp_path, **variables):
    """The settings module as a development machine starts it with these variables and no .env."""
    for name in READ:
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / "env"
    env_file.write_text("")
    monkeypatch.setenv("ENV_FILE", str(env_file))
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def _redis_is_the_cache() -> bool:
    return django_settings.CACHES["default"]["BACKEND"] == REDIS_CACHE


# The cache ---------------------------------------------------------------------------------------------


def test_a_redis_cache_url_selects_djangos_own_redis_cache(monkeypatch, tmp_path):
    s = settings_with(monkeypatch, tmp_path, CACHE_URL="redis://10.0.0.5:6379/1")
    assert s["CACHES"]["default"] == {"BACKEND": REDIS_CACHE, "LOCATION": "redis://10.0.0.5:6379/1"}

    assert settings_with(monkeypatch, tmp_path)["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_a_cache_url_of_another_kind_is_refused_with_the_choices(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match=r"CACHE_URL: the scheme 'memcache' .* redis://host"):
        settings_with(monkeypatch, tmp_path, CACHE_URL="memcache://127.0.0.1:11211")


@pytest.mark.cache
def test_two_app_servers_share_the_api_rate_limit_through_redis(db, settings, tmp_path):
    """Two anonymous calls spend the allowance on this server; the next one, on another server (another
    process with the same CACHE_URL), is refused. With a per-process cache it would be let through."""
    if not _redis_is_the_cache():
        pytest.skip("needs CACHE_URL=redis://...: .ci/run runs the cache tests against Redis")
    settings.API_RATE_ANON = "2/min"
    here = Client()
    assert [here.get("/api/v1/cities").status_code for _ in range(2)] == [200, 200]

    # Another client of the same Redis (its own connection, as another worker's) sees the same counter.
    other_client = caches.create_connection("default")
    assert len(other_client.get("throttle_api_anon_127.0.0.1")) == 2

    # Another process: refused before it would read its database (which it does not have).
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "icc.settings",
        "ICC_TESTING": "true",
        "ENV_FILE": str(tmp_path / "no-env"),
        "CACHE_URL": settings.CACHES["default"]["LOCATION"],
        "API_RATE_ANON": "2/min",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'another-server.sqlite3'}",
    }
    there = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.test import Client; "
            "print(Client().get('/api/v1/cities').status_code)",
        ],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert there.stdout.split()[-1:] == ["429"], there.stderr[-2000:]


# The worker --------------------------------------------------------------------------------------------


@pytest.fixture
def worker_database_url(django_db_setup) -> str:
    """The test database's address for another process; skipped (before building anything) without one."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        user = database.get("USER") or "postgres"
        password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
        host = database.get("HOST") or "127.0.0.1"
        return f"postgres://{user}{password}@{host}:{database.get('PORT') or 5432}/{database['NAME']}"
    name = str(database["NAME"])
    if database["ENGINE"] == "django.db.backends.sqlite3" and "memory" not in name and Path(name).exists():
        return f"sqlite:///{name}"
    pytest.skip(
        "the test database lives in this process's memory (SQLite): a worker process cannot reach it; "
        ".ci/run runs this test on PostgreSQL"
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_separate_db_worker_process_runs_a_queued_recompute(
    worker_database_url, scored, alice, settings, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    from icc.core.models import JobStatus
    from icc.index.models import ResponseScore, RoundScores
    from icc.index.services.recompute_job import round_scores_recompute_start

    lyon, porto = scored
    # Scores lost: only the recompute, run by the worker, brings them back.
    ResponseScore.objects.filter(response__round=lyon.round).delete()
    RoundScores.objects.filter(round=lyon.round).delete()

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job, started = round_scores_recompute_start(round=lyon.round, by=alice)
    assert started
    queued = DBTaskResult.objects.get(task_path="icc.index.tasks.round_scores_recompute_run")
    assert queued.status == "READY" and not ResponseScore.objects.exists()

    environment = {
        **os.environ,
        "ICC_TESTING": "true",
        "ENV_FILE": str(tmp_path / "no-env"),
        "DATABASE_URL": worker_database_url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603
            [str(ICC), "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            env=environment,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            # Generous: the worker starts Django and scores the round; speed is measured elsewhere.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and worker.poll() is None:
                queued.refresh_from_db()
                if queued.status in ("SUCCESSFUL", "FAILED"):
                    break
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    assert queued.status == "SUCCESSFUL", log.read_text()[-3000:]
    assert queued.return_value is True
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED
    assert sorted(job.result["changed"]) == ["Lyon", "Porto"]
    assert {s.response_id for s in ResponseScore.objects.all()} == {lyon.pk, porto.pk}


# Media -------------------------------------------------------------------------------------------------


def test_media_go_to_the_configured_s3_bucket(monkeypatch, tmp_path):
    s = settings_with(
        monkeypatch,
        tmp_path,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="icc-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="key-id",
        AWS_SECRET_ACCESS_KEY="key-secret",
    )
    from storages.backends.s3 import S3Storage

    with override_settings(STORAGES=s["STORAGES"]):
        storage = default_storage
        assert storage.bucket_name == "icc-media"
        assert storage.endpoint_url == "https://s3.example.org"
        assert storage.region_name == "fr-par"
        # Never overwrite: a second upload of the same name gets a name of its own, as on disk.
        assert storage.file_overwrite is False
        assert storage.querystring_auth is True
        assert isinstance(storage._wrapped, S3Storage)


def test_a_bucket_name_alone_selects_s3(monkeypatch, tmp_path):
    s = settings_with(monkeypatch, tmp_path, AWS_STORAGE_BUCKET_NAME="icc-media")
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s["STORAGES"]["default"]["OPTIONS"]["endpoint_url"] is None  # Amazon's own


def test_files_stay_on_disk_unless_s3_is_asked_for(monkeypatch, tmp_path):
    s = settings_with(monkeypatch, tmp_path)
    assert s["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "gcs"}, "MEDIA_STORAGE='gcs': use local .* or s3"),
    ],
)
def test_a_media_storage_without_what_it_needs_is_refused(monkeypatch, tmp_path, variables, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        settings_with(monkeypatch, tmp_path, **variables)


class StorageWithoutLocalPaths(InMemoryStorage):
    """What S3 asks of the code: files opened through the storage, never by a path on this machine's disk."""

    def path(self, name: str) -> str:
        # Its own bookkeeping may map names to paths; the site's code may not.
        if sys._getframe(1).f_code.co_filename != InMemoryStorage.__init__.__code__.co_filename:
            raise NotImplementedError("This storage has no local paths (as S3).")
        return super().path(name)


@pytest.fixture
def storage_without_local_paths(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.StorageWithoutLocalPaths"},
    }


def test_evidence_is_uploaded_and_downloaded_without_a_local_path(
    storage_without_local_paths, bob, lyon_response
):
    from icc.index.models import EvidenceFile
    from icc.index.services.responses import answer_save

    evidence = b"%PDF-1.4\n% the strategy adopted by the council\n"
    client = client_for(bob)
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    client.post(
        reverse("index:evidence_upload", args=[lyon_response.pk, "commitment.strategy"]),
        {"file": SimpleUploadedFile("strategy.pdf", evidence, content_type="application/pdf")},
        HTTP_HX_REQUEST="true",
    )
    stored = EvidenceFile.objects.get()
    assert default_storage.exists(stored.file.name)
    download = client.get(reverse("index:evidence_download", args=[lyon_response.pk, stored.pk]))
    assert b"".join(download.streaming_content) == evidence


def test_a_generated_report_is_stored_and_served_without_a_local_path(
    storage_without_local_paths, scored, alice, monkeypatch
):
    from icc.reports.services.drafts import report_generate_draft
    from tests.reports.flow_helpers import stand_in_pdf

    monkeypatch.setattr("icc.reports.pdf.html_to_pdf", stand_in_pdf)  # the PDF's pages are not the point
    lyon, _porto = scored
    report = report_generate_draft(response=lyon, by=alice)
    assert default_storage.exists(report.draft_pdf_en.name)
    download = client_for(alice).get(reverse("reports:draft_pdf", args=[report.pk, "en"]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
