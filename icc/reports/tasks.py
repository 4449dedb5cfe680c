"""Background work of the reports. Tasks take ids and run inline unless a worker is configured
(`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.core.models import Job
from icc.reports.services.batches import BATCH_JOB, batch_failures, report_batch_work
from icc.reports.services.draft_job import DRAFT_JOB, report_draft_work


@task
def report_batch_run(job_id: int) -> int:
    """Generate the drafts of a batch (a `core.Job` of kind report-batch); return how many failed."""
    # Only a batch: a task queued with the id of something else (a report batch queued before batches
    # became jobs) must not run this work on another job.
    if not Job.objects.filter(pk=job_id, kind=BATCH_JOB).exists():
        return 0
    job = job_run(job_id, report_batch_work)
    return len(batch_failures(job)) if job is not None else 0


@task
def report_draft_run(job_id: int) -> bool:
    """Generate one response's draft report (a `core.Job` of kind report-draft); return whether it worked."""
    if not Job.objects.filter(pk=job_id, kind=DRAFT_JOB).exists():
        return False
    job = job_run(job_id, report_draft_work)
    return job is not None and not job.error
