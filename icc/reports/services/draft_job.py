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
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.jobs import job_progress, job_start
from icc.core.models import Job, JobStatus
from icc.index.models import Response
from icc.reports.services.drafts import report_generate_draft, require, require_reportable

DRAFT_JOB = "report-draft"
# A draft job that has not moved for this long is taken for dead (its worker stopped): a new one may start.
STALLED_AFTER = datetime.timedelta(minutes=10)


def draft_jobs(response_id: int) -> QuerySet[Job]:
    """The draft jobs of a response, newest first."""
    return Job.objects.filter(kind=DRAFT_JOB, key__startswith=f"{DRAFT_JOB}:{response_id}:").order_by(
        "-created", "-pk"
    )


def draft_job_response_id(job: Job) -> int | None:
    kind, _sep, rest = job.key.partition(":")
    response_id = rest.partition(":")[0]
    return int(response_id) if kind == DRAFT_JOB and response_id.isdigit() else None


def report_draft_start(*, response: Response, by: User | None) -> tuple[Job, bool]:
    """Queue the generation of the response's draft report (after the commit; in the worker when one is
    configured, else inline), and say whether this call started it. What would make the work fail at once
    (not the secretariat, a response not validated or not scored) is refused here, before any job."""
    from icc.reports.tasks import report_draft_run

    require(by, "reports.manage_report", None, _("Only the secretariat generates reports."))
    require_reportable(response)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        latest = draft_jobs(locked.pk).first()
        if latest is not None and latest.is_active:
            if latest.updated >= timezone.now() - STALLED_AFTER:
                return latest, False
            job_progress(
                latest.pk,
                status=JobStatus.FAILED,
                finished_at=timezone.now(),
                error=_("This generation stopped moving (its worker stopped?); a new one replaced it."),
            )
        number = int(latest.key.rsplit(":", 1)[1]) + 1 if latest is not None else 1
        return job_start(
            kind=DRAFT_JOB, key=f"{DRAFT_JOB}:{locked.pk}:{number}", by=by, task=report_draft_run, total=1
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
