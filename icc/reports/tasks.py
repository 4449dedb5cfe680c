"""Background work of the reports. Tasks take ids and run inline unless a worker is configured
(`TASKS_BACKEND=django_tasks_db.DatabaseBackend` and `icc db_worker`)."""

from django.tasks import task

from icc.reports.models import ReportBatch
from icc.reports.services.batches import report_batch_run as run


@task
def report_batch_run(batch_id: int) -> int:
    """Generate the drafts of a batch; return how many failed."""
    batch = ReportBatch.objects.select_related("round", "requested_by").filter(pk=batch_id).first()
    if batch is None:  # deleted meanwhile
        return 0
    return len(run(batch=batch).failures)
