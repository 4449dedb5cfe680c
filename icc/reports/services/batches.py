"""Generating the drafts of a whole round in the background, with progress and a list of failures."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.index.models import Response, ResponseStatus, Round
from icc.reports.models import BatchStatus, ReportBatch
from icc.reports.services.drafts import report_generate_draft, require

logger = logging.getLogger(__name__)

# A batch that has not moved for this long is taken for dead (its worker stopped): a new one may start.
STALLED_AFTER = datetime.timedelta(minutes=30)
MAX_ERROR = 500


def batch_responses(round_: Round) -> list[Response]:
    """The responses a batch generates: every validated, scored response of the round."""
    return list(
        Response.objects.filter(round=round_, status=ResponseStatus.VALIDATED, score__isnull=False)
        .select_related("city")
        .order_by("city__name", "pk")
    )


@transaction.atomic
def report_batch_start(*, round: Round, by: User | None) -> ReportBatch:
    """Queue the generation of the drafts of every validated response of the round (after the commit;
    inline unless a worker is configured). One batch per round at a time."""
    require(by, "reports.manage_batches", None, _("Only the secretariat generates reports."))
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    running = ReportBatch.objects.filter(
        round=round_,
        status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING],
        updated__gte=timezone.now() - STALLED_AFTER,
    ).first()
    if running is not None:
        raise ValidationError(
            _("Reports of this round are being generated already: wait until they are done.")
        )
    total = len(batch_responses(round_))
    if total == 0:
        raise ValidationError(
            _("No response of this round is validated and scored: there is no report to generate.")
        )
    batch = ReportBatch.objects.create(round=round_, requested_by=by, total=total)
    batch_id = batch.pk

    def enqueue() -> None:
        from icc.reports.tasks import report_batch_run

        report_batch_run.enqueue(batch_id)

    transaction.on_commit(enqueue)
    return batch


def _progress(batch_id: int, **changes: object) -> None:
    ReportBatch.objects.filter(pk=batch_id).update(updated=timezone.now(), **changes)


def report_batch_run(*, batch: ReportBatch) -> ReportBatch:
    """Generate each draft in turn, each in its own transaction: a failure is recorded with the city and
    the error, and the batch goes on. Progress is saved after each city, for the page that polls it."""
    if batch.status == BatchStatus.FINISHED:
        return batch
    _progress(batch.pk, status=BatchStatus.RUNNING, started_at=timezone.now(), done=0, failures=[])
    responses = batch_responses(batch.round)
    _progress(batch.pk, total=len(responses))
    failures: list[dict[str, object]] = []
    for response in responses:
        try:
            report_generate_draft(response=response, by=batch.requested_by)
        except Exception as exc:
            logger.exception("report of response %s failed in batch %s", response.pk, batch.pk)
            message = (
                "; ".join(exc.messages)
                if isinstance(exc, ValidationError)
                else str(exc) or type(exc).__name__
            )
            failures.append(
                {"city": response.city.name, "response": response.pk, "error": message[:MAX_ERROR]}
            )
            _progress(batch.pk, done=F("done") + 1, failures=failures)
        else:
            _progress(batch.pk, done=F("done") + 1)
    _progress(batch.pk, status=BatchStatus.FINISHED, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch
