"""Background work of the newsletter. Tasks take ids and run inline unless a worker is configured
(`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.core.models import Job
from icc.outreach.services import SEND_JOB, newsletter_send_work


@task
def newsletter_send_run(job_id: int) -> int:
    """Send an issue (a `core.Job` of kind newsletter-send); return how many e-mails went."""
    if not Job.objects.filter(pk=job_id, kind=SEND_JOB).exists():
        return 0
    job = job_run(job_id, newsletter_send_work)
    return int((job.result or {}).get("sent", 0)) if job is not None else 0
