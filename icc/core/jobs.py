"""Long work: a task with a progress record (`Job`) that its page polls with htmx; never inside a request.

`job_start` records the job and queues its task after the commit (inline with the immediate backend, in
`icc db_worker` when TASKS_BACKEND=django_tasks_db.DatabaseBackend). The task calls `job_run`, which
marks the job running, lets the work report progress with `job_progress` (each update commits at once,
so the page that polls sees it), and stores the work's result, or its error. Starting the same work twice
(a double click, a second tab) finds the first job by its key and runs nothing more.

The page shows `core/_job.html`: the fragment polls while the job runs and reloads the page once it is
done, so that the page shows the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icc.core.models import Job, JobStatus

logger = logging.getLogger(__name__)
MAX_ERROR = 2000


def job_start(*, kind: str, key: str, by: Any, task: Any, total: int = 0) -> tuple[Job, bool]:
    """The job for `key`, and whether this call created it (and queued `task` with its id)."""
    with transaction.atomic():
        job, created = Job.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "requested_by": by if getattr(by, "pk", None) else None,
                "total": total,
                "result": {"language": translation.get_language() or ""},
            },
        )
        if created:
            job_id = job.pk
            transaction.on_commit(lambda: task.enqueue(job_id))
    return job, created


def job_progress(job_id: int, **changes: Any) -> None:
    """Record progress now (outside any transaction of the work, so that the polling page sees it)."""
    Job.objects.filter(pk=job_id).update(updated=timezone.now(), **changes)


def job_run(job_id: int, work: Callable[[Job], dict[str, Any]]) -> Job | None:
    """Run `work(job)` once, in the language of the person who started it; store what it returns as the
    job's result, or the error that stopped it (the work itself keeps its writes all or nothing)."""
    job = Job.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or not job.is_active:  # deleted meanwhile, or run already
        return job
    language = str(job.result.get("language") or "") or None
    job_progress(job.pk, status=JobStatus.RUNNING, started_at=timezone.now(), done=0)
    with translation.override(language):
        try:
            result = work(job)
        except Exception as exc:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            if isinstance(exc, ValidationError):
                message = " ".join(exc.messages)
            else:
                message = _(
                    "The work stopped on an unexpected error (%(error)s); nothing of it was saved."
                ) % {"error": type(exc).__name__}
            job_progress(
                job.pk, status=JobStatus.FAILED, finished_at=timezone.now(), error=message[:MAX_ERROR]
            )
        else:
            job_progress(
                job.pk,
                status=JobStatus.FINISHED,
                finished_at=timezone.now(),
                result={**result, "language": language or ""},
            )
    job.refresh_from_db()
    return job
