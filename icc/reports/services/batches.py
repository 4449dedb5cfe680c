"""Generating the drafts of a whole round in the background, with progress and a list of failures.

A batch is a `core.Job` (icc.core.jobs, the one mechanism for long work) of kind `BATCH_JOB`: its key
`report-batch:<round id>:<number>` names the round and counts its batches, so that the round's batches are
found by their key, and two requests that start the same batch (a double click, a second tab) meet on the
same key and start one. The failures (city, response, error) are the job's result, saved after each city
that fails so that the page that polls shows them while the others are generated.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.jobs import job_key, job_progress, job_running_or_next, job_start, job_subject_id, jobs_about
from icc.core.models import Job
from icc.index.models import Response, ResponseStatus, Round
from icc.reports.services.drafts import report_draft_store, report_generate_draft, require
from icc.reports.services.workers import Outcome, batch_processes, error_text, render_in_workers

logger = logging.getLogger(__name__)

BATCH_JOB = "report-batch"
# A batch that has not moved for this long is taken for dead (its worker stopped): a new one may start.
STALLED_AFTER = datetime.timedelta(minutes=30)


def batch_key(round_id: int, number: int) -> str:
    return job_key(BATCH_JOB, round_id, number)


def batch_round_id(job: Job) -> int | None:
    """The round whose drafts the batch generates (None for a job that is not a batch)."""
    return job_subject_id(job, BATCH_JOB)


def round_batches(round_id: int) -> QuerySet[Job]:
    """The batches of a round, newest first."""
    return jobs_about(BATCH_JOB, round_id)


def batch_failures(job: Job) -> list[dict[str, Any]]:
    """[{"city": name, "response": id, "error": message}]: the cities whose draft failed."""
    return list(job.result.get("failures") or [])


def batch_responses(round_: Round) -> list[Response]:
    """The responses a batch generates: every validated, scored response of the round."""
    return list(
        Response.objects.filter(round=round_, status=ResponseStatus.VALIDATED, score__isnull=False)
        .select_related("city")
        .order_by("city__name", "pk")
    )


def report_batch_start(*, round: Round, by: User | None) -> tuple[Job, bool]:
    """Queue the generation of the drafts of every validated response of the round (after the commit;
    inline unless a worker is configured), and say whether this call started it. One batch per round at
    a time: while one runs, a second request gets it and `False`."""
    from icc.reports.tasks import report_batch_run

    require(by, "reports.manage_batches", None, _("Only the secretariat generates reports."))
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round.pk)
        running, number = job_running_or_next(
            kind=BATCH_JOB,
            subject_id=round_.pk,
            stalled_after=STALLED_AFTER,
            stalled_message=_(
                "This batch stopped moving for more than 30 minutes (its worker stopped?); "
                "a new batch replaced it."
            ),
        )
        if running is not None:
            return running, False
        total = len(batch_responses(round_))
        if total == 0:
            raise ValidationError(
                {
                    "round": _(
                        "No response of this round is validated and scored: there is no report to generate."
                    )
                }
            )
        return job_start(
            kind=BATCH_JOB, key=batch_key(round_.pk, number), by=by, task=report_batch_run, total=total
        )


def report_batch_work(job: Job) -> dict[str, Any]:
    """The batch job's work (run by `job_run`): generate each draft, each stored in its own transaction;
    a failure is recorded with the city and the error, and the batch goes on. Progress is saved after
    each city, for the page that polls it. The drafts are rendered by a process per core
    (`icc.reports.services.workers`, REPORT_BATCH_PROCESSES) and stored here, in the order of the list."""
    round_id = batch_round_id(job)
    round_ = Round.objects.filter(pk=round_id).first() if round_id is not None else None
    if round_ is None:
        raise ValidationError({"round": _("The round of this batch no longer exists.")})
    responses = batch_responses(round_)
    job_progress(job.pk, total=len(responses))
    failures: list[dict[str, Any]] = []

    def done(response: Response, error: str) -> None:
        if error:
            failures.append({"city": response.city.name, "response": response.pk, "error": error})
            job_progress(job.pk, done=F("done") + 1, result={**job.result, "failures": failures})
        else:
            job_progress(job.pk, done=F("done") + 1)

    drafts_generate(responses, by=job.requested_by, on_done=done)
    return {"failures": failures}


def drafts_generate(
    responses: list[Response], *, by: User | None, on_done: Callable[[Response, str], None]
) -> None:
    """Generate the drafts of `responses`, each stored in its own transaction, and call `on_done(response,
    error)` after each ("" when it worked), in the order of the list. The drafts are rendered by
    `batch_processes` processes (`icc.reports.services.workers`), one per core, and stored in this one."""
    processes = batch_processes(len(responses))
    by_id = {response.pk: response for response in responses}
    if processes > 1:

        def store(outcome: Outcome) -> None:
            response_id, rendering, error = outcome
            if rendering is not None:
                try:
                    report_draft_store(rendering=rendering, by=by)
                except Exception as exc:
                    logger.exception("report of response %s could not be stored", response_id)
                    error = error_text(exc)
            on_done(by_id[response_id], error)

        left = render_in_workers([r.pk for r in responses], processes=processes, on_rendered=store)
        responses = [by_id[pk] for pk in left]
    for response in responses:
        try:
            report_generate_draft(response=response, by=by)
        except Exception as exc:
            logger.exception("report of response %s failed", response.pk)
            on_done(response, error_text(exc))
        else:
            on_done(response, "")
