"""Generating one city's draft report in the background: a `core.Job` (icc.core.jobs, the one mechanism
for long work) of kind `DRAFT_JOB`, keyed `report-draft:<response id>:<number>`.

Rendering the PDF in both languages takes seconds, too long for a request: the page that asked shows the
job's progress bar (core/_job.html), which follows it and reloads the page once the draft is made. Two
requests for the same response (a double click, a second tab) meet on the same key and start one job.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.jobs import job_key, job_progress, job_running_or_next, job_start, job_subject_id, jobs_about
from icc.core.models import Job
from icc.index.models import Response
from icc.reports.services.drafts import report_generate_draft, require, require_reportable

DRAFT_JOB = "report-draft"
# A draft job that has not moved for this long is taken for dead (its worker stopped): a new one may start.
STALLED_AFTER = datetime.timedelta(minutes=10)


def draft_jobs(response_id: int) -> QuerySet[Job]:
    """The draft jobs of a response, newest first."""
    return jobs_about(DRAFT_JOB, response_id)


def draft_job_response_id(job: Job) -> int | None:
    return job_subject_id(job, DRAFT_JOB)


def report_draft_start(*, response: Response, by: User | None) -> tuple[Job, bool]:
    """Queue the generation of the response's draft report (after the commit; in the worker when one is
    configured, else inline), and say whether this call started it. What would make the work fail at once
    (not the secretariat, a response not validated or not scored) is refused here, before any job."""
    from icc.reports.tasks import report_draft_run

    require(by, "reports.manage_report", None, _("Only the secretariat generates reports."))
    require_reportable(response)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        running, number = job_running_or_next(
            kind=DRAFT_JOB,
            subject_id=locked.pk,
            stalled_after=STALLED_AFTER,
            stalled_message=_("This generation stopped moving (its worker stopped?); a new one replaced it."),
        )
        if running is not None:
            return running, False
        return job_start(
            kind=DRAFT_JOB,
            key=job_key(DRAFT_JOB, locked.pk, number),
            by=by,
            task=report_draft_run,
            total=1,
        )


def report_draft_work(job: Job) -> dict[str, Any]:
    """The job's work (run by `job_run`): generate the draft, all or nothing."""
    response_id = draft_job_response_id(job)
    response = Response.objects.filter(pk=response_id).first() if response_id is not None else None
    if response is None:
        raise ValidationError({"response": _("The Index response of this report no longer exists.")})
    job_progress(job.pk, step=_("Rendering the report in English and French (PDF)"))
    report = report_generate_draft(response=response, by=job.requested_by)
    job_progress(job.pk, done=1, step="")
    return {"report": report.pk}
