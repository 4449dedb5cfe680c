"""Background work of evidence of impact. Tasks take ids and run inline unless a worker is configured."""

from django.tasks import task

from icc.core.jobs import job_run
from icc.impact import services


@task
def run_impact_analysis(job_id: int) -> None:
    """One analysis run: the data read, every analysis and its Monte Carlo variants, the snapshot kept."""
    job_run(job_id, services.analysis_run_work)
