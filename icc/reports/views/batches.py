"""A round's reports (secretariat): the state of each city's report, and batches that generate them all
in the background with a progress bar polled by htmx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from icc.reports.selectors.access import get_batch_for_user, get_round_for_reports
from icc.reports.selectors.versions import round_reports_page
from icc.reports.services.batches import report_batch_start


@login_required
@require_GET
def round_reports(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_reports(request.user, pk)
    return render(request, "reports/manage/round.html", {"page": round_reports_page(round_)})


@login_required
@require_POST
def batch_start(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_reports(request.user, pk)
    try:
        batch = report_batch_start(round=round_, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        batch.refresh_from_db()
        if batch.is_active:
            messages.success(request, _("The reports are being generated; this page shows the progress."))
        else:
            messages.success(request, _("The reports are generated."))
    return redirect("reports:round_reports", pk=round_.pk)


@login_required
@require_GET
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a batch: the fragment that the round's page polls (htmx), or a page of its own."""
    batch = get_batch_for_user(request.user, pk)
    template = "reports/manage/_batch.html" if request.htmx else "reports/manage/batch.html"  # type: ignore[attr-defined]
    return render(request, template, {"batch": batch})
