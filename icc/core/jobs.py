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

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
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


# Work done again and again on one subject (a round's batches, a response's drafts, a round's recomputes):
# jobs keyed "<kind>:<subject id>:<number>", one running at a time per subject.


def job_key(kind: str, subject_id: int, number: int) -> str:
    return f"{kind}:{subject_id}:{number}"


def jobs_about(kind: str, subject_id: int) -> QuerySet[Job]:
    """The jobs of `kind` about one subject, newest first."""
    return Job.objects.filter(kind=kind, key__startswith=f"{kind}:{subject_id}:").order_by("-created", "-pk")


def job_subject_id(job: Job, kind: str) -> int | None:
    """The subject a job of `kind` is about (None for a job of another kind)."""
    job_kind, _sep, rest = job.key.partition(":")
    subject = rest.partition(":")[0]
    return int(subject) if job_kind == kind and subject.isdigit() else None


def job_running_or_next(
    *, kind: str, subject_id: int, stalled_after: datetime.timedelta, stalled_message: str
) -> tuple[Job | None, int]:
    """The job of `kind` still running about the subject (None when there is none) and the number the next
    one takes. Call it in the transaction that locks the subject, so that two requests (a double click)
    meet on one job. A job that has not moved for `stalled_after` is taken for dead (its worker stopped):
    it is marked failed with `stalled_message` and a new one may start."""
    latest = jobs_about(kind, subject_id).first()
    if latest is not None and latest.is_active:
        if latest.updated >= timezone.now() - stalled_after:
            return latest, 0
        job_progress(latest.pk, status=JobStatus.FAILED, finished_at=timezone.now(), error=stalled_message)
    return None, (int(latest.key.rsplit(":", 1)[1]) + 1 if latest is not None else 1)
