"""Background work of the programme: the annual report's PDF. Tasks take ids and run inline unless a worker
is configured (`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.core.models import Job
from icc.programme.report import ANNUAL_REPORT_JOB, annual_report_work


@task
def make_annual_report(job_id: int) -> bool:
    """Make one annual report's PDF (a `core.Job` of kind programme-annual-report); return whether it
    worked."""
    if not Job.objects.filter(pk=job_id, kind=ANNUAL_REPORT_JOB).exists():
        return False
    job = job_run(job_id, annual_report_work)
    return job is not None and not job.error
