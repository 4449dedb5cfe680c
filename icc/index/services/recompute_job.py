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
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.jobs import job_key, job_progress, job_running_or_next, job_start, jobs_about
from icc.core.models import Job
from icc.index.models import Round
from icc.index.services.scores import round_scores_compute

RECOMPUTE_JOB = "scores-recompute"
STALLED_AFTER = datetime.timedelta(minutes=10)


def recompute_jobs(round_id: int) -> QuerySet[Job]:
    return jobs_about(RECOMPUTE_JOB, round_id)


def round_scores_recompute_start(*, round: Round, by: User | None) -> tuple[Job, bool]:
    """Queue the recomputation of the round's scores (inline unless a worker is configured); say whether
    this call started it."""
    from icc.index.tasks import round_scores_recompute_run

    if by is not None and not by.has_perm("index.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat recomputes scores."))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        running, number = job_running_or_next(
            kind=RECOMPUTE_JOB,
            subject_id=locked.pk,
            stalled_after=STALLED_AFTER,
            stalled_message=_("This recompute stopped moving (its worker stopped?); a new one replaced it."),
        )
        if running is not None:
            return running, False
        return job_start(
            kind=RECOMPUTE_JOB,
            key=job_key(RECOMPUTE_JOB, locked.pk, number),
            by=by,
            task=round_scores_recompute_run,
            total=1,
        )


def recompute_work(job: Job) -> dict[str, Any]:
    round_id = int(job.key.split(":")[1])
    result = round_scores_compute(round=Round(pk=round_id), by=job.requested_by)
    job_progress(job.pk, done=1)
    return {"changed": [change.city for change in result.changes]}
