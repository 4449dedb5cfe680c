"""Background work of the Index. Tasks take ids and run inline unless a worker is configured
(`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.core.models import Job
from icc.index.services.recompute_job import RECOMPUTE_JOB, recompute_work


@task
def round_scores_recompute_run(job_id: int) -> bool:
    """Recompute a round's scores (a `core.Job` of kind scores-recompute); return whether it worked."""
    if not Job.objects.filter(pk=job_id, kind=RECOMPUTE_JOB).exists():
        return False
    job = job_run(job_id, recompute_work)
    return job is not None and not job.error
