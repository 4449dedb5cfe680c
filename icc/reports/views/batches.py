"""A round's reports (secretariat): the state of each city's report, and batches that generate them all
in the background with a progress bar polled by htmx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from icc.core.models import Job
from icc.reports.selectors.access import get_batch_for_user, get_round_for_reports
from icc.reports.selectors.authors import report_authors_balance
from icc.reports.selectors.versions import latest_round_batch, round_reports_page
from icc.reports.services.batches import batch_failures, report_batch_start


def _batch_context(batch: Job | None) -> dict[str, Any]:
    """What core/_job.html and its details (reports/manage/_batch.html) show of a batch."""
    if batch is None:
        return {}
    failures = batch_failures(batch)
    return {
        "job": batch,
        "title": _("Generating the reports") if batch.is_active else _("Latest generation of the reports"),
        "details": "reports/manage/_batch.html",
        "failures": failures,
        "generated": max(batch.done - len(failures), 0),
    }


def _poll(request: HttpRequest, batch: Job | None) -> HttpResponse:
    """The answer to the progress fragment's poll: the fragment while the batch runs, then a reload of
    the page, so that it shows what the batch made."""
    if batch is not None and batch.is_active:
        return render(request, "core/_job.html", _batch_context(batch))
    return HttpResponseClientRefresh()


@login_required
@require_GET
def round_reports(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_reports(request.user, pk)
    if request.htmx:  # type: ignore[attr-defined]  # the progress fragment polls: only the batch
        return _poll(request, latest_round_batch(round_))
    page = round_reports_page(round_)
    authors = report_authors_balance(round_)
    context = {"page": page, "authors": authors, **_batch_context(page.batch)}
    return render(request, "reports/manage/round.html", context)


@login_required
@require_POST
def batch_start(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_reports(request.user, pk)
    try:
        batch, started = report_batch_start(round=round_, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        batch.refresh_from_db()
        if not started:
            messages.info(
                request, _("Reports of this round are being generated already; this page shows the progress.")
            )
        elif batch.is_active:
            messages.success(request, _("The reports are being generated; this page shows the progress."))
        else:
            messages.success(request, _("The reports are generated."))
    return redirect("reports:round_reports", pk=round_.pk)


@login_required
@require_GET
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch on a page of its own; its progress fragment polls this address (htmx)."""
    batch, round_ = get_batch_for_user(request.user, pk)
    if request.htmx:  # type: ignore[attr-defined]
        return _poll(request, batch)
    return render(request, "reports/manage/batch.html", {"round": round_, **_batch_context(batch)})
