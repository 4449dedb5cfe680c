"""Recomputing a round's scores from its page, in the background: a `core.Job` (icc.core.jobs) of kind
`RECOMPUTE_JOB`, keyed `scores-recompute:<round id>:<number>`. The page shows its progress bar and reloads
when it is done; two requests (a double click) meet on the same key and start one recompute.
(Validating or reopening a response recomputes in its own transaction, not through a job.)"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.jobs import job_progress, job_start
from icc.core.models import Job, JobStatus
from icc.index.models import Round
from icc.index.services.scores import round_scores_compute

RECOMPUTE_JOB = "scores-recompute"
STALLED_AFTER = datetime.timedelta(minutes=10)


def recompute_jobs(round_id: int) -> QuerySet[Job]:
    return Job.objects.filter(kind=RECOMPUTE_JOB, key__startswith=f"{RECOMPUTE_JOB}:{round_id}:").order_by(
        "-created", "-pk"
    )


def round_scores_recompute_start(*, round: Round, by: User | None) -> tuple[Job, bool]:
    """Queue the recomputation of the round's scores (inline unless a worker is configured); say whether
    this call started it."""
    from icc.index.tasks import round_scores_recompute_run

    if by is not None and not by.has_perm("index.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat recomputes scores."))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        latest = recompute_jobs(locked.pk).first()
        if latest is not None and latest.is_active:
            if latest.updated >= timezone.now() - STALLED_AFTER:
                return latest, False
            job_progress(
                latest.pk,
                status=JobStatus.FAILED,
                finished_at=timezone.now(),
                error=_("This recompute stopped moving (its worker stopped?); a new one replaced it."),
            )
        number = int(latest.key.rsplit(":", 1)[1]) + 1 if latest is not None else 1
        return job_start(
            kind=RECOMPUTE_JOB,
            key=f"{RECOMPUTE_JOB}:{locked.pk}:{number}",
            by=by,
            task=round_scores_recompute_run,
            total=1,
        )


def recompute_work(job: Job) -> dict[str, Any]:
    round_id = int(job.key.split(":")[1])
    result = round_scores_compute(round=Round(pk=round_id), by=job.requested_by)
    job_progress(job.pk, done=1)
    return {"changed": [change.city for change in result.changes]}
