"""Background work of the register. Tasks take ids and run inline unless a worker is configured
(`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.network.services import imports


@task
def cities_import_check(job_id: int) -> None:
    """The dry run of a register import: every row checked, the result kept for the review page."""
    job_run(job_id, imports.import_check_work)


@task
def cities_import_apply(job_id: int) -> None:
    """A register import: every row checked again, then all the new cities written, or none."""
    job_run(job_id, imports.import_apply_work)
