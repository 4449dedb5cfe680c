"""Import of cities from CSV/XLSX (dry run, then all or nothing) and export of the register."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRefresh

from icc.core import spreadsheets
from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.core.models import Job, JobStatus
from icc.network.forms import CityImportForm
from icc.network.selectors.cities import city_list_filtered
from icc.network.selectors.transfer import EXPORT_HEADERS, register_export_rows
from icc.network.services import imports as import_services


def _require_register_manager(request: HttpRequest) -> None:
    if not request.user.has_perm("network.manage_register"):
        raise PermissionDenied


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_register_manager(request)
    form = CityImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            staged = import_services.import_stage(by=request.user, upload=form.cleaned_data["file"])  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            import_services.import_check_start(staged=staged, by=request.user)  # type: ignore[arg-type]
            return redirect("network:import_review", token=staged.token)
    return render(
        request,
        "network/transfer/upload.html",
        {
            "form": form,
            "columns": import_services.IMPORT_COLUMNS,
            "max_mb": import_services.MAX_IMPORT_MB,
            "max_rows": spreadsheets.MAX_IMPORT_ROWS,
        },
    )


@login_required
def import_review(request: HttpRequest, token: str) -> HttpResponse:
    """The check of an import (a job with a progress bar), then its apply (another job, started once)."""
    _require_register_manager(request)
    check, applied = import_services.import_jobs_for_user(request.user, token)
    if applied is None:
        staged = import_services.staged_import_for_user(request.user, token)  # 404 once gone
        if check is None:
            check = import_services.import_check_start(staged=staged, by=request.user)  # type: ignore[arg-type]
    assert check is not None or applied is not None
    if request.method == "POST":
        if applied is None and check is not None and check.is_active:
            messages.info(request, _("The file is still being checked; wait until the check is done."))
            return redirect("network:import_review", token=token)
        if applied is None:
            applied, started = import_services.import_apply_start(staged=staged, by=request.user)  # type: ignore[arg-type]
        else:
            started = False
        applied.refresh_from_db()
        return _after_apply(request, applied, token, started=started)
    job = applied or check
    assert job is not None
    if request.htmx:  # type: ignore[attr-defined]
        if job.is_active:
            return render(request, "core/_job.html", {"job": job, "title": _job_title(job)})
        return HttpResponseClientRefresh()  # done: the whole page shows the result
    context = {
        "token": token,
        "job": job,
        "title": _job_title(job),
        "check": check,
        "applied": applied,
        "preview": None,
    }
    if applied is not None and not applied.is_active and not applied.result.get("applied", True):
        context["preview"] = import_services.CheckedImport.from_result(applied.result)
    elif applied is None and check is not None and not check.is_active and check.result.get("filename"):
        context["preview"] = import_services.CheckedImport.from_result(check.result)
    return render(request, "network/transfer/review.html", context)


def _job_title(job: Job) -> str:
    if job.kind == import_services.APPLY_JOB:
        return _("Importing the cities")
    return _("Checking the file")


def _after_apply(request: HttpRequest, job: Job, token: str, *, started: bool) -> HttpResponse:
    result = job.result
    if job.is_active:
        if started:
            messages.info(request, _("The import is running; this page shows its progress."))
        else:
            messages.info(request, _("This import is being applied already; this page shows its progress."))
        return redirect("network:import_review", token=token)
    if job.status == JobStatus.FAILED:
        messages.error(request, job.error)
        return redirect("network:import_review", token=token)
    if not result.get("applied"):
        if started:
            messages.error(request, str(result.get("message", "")))
        return redirect("network:import_review", token=token)
    count = int(result.get("created", 0))
    if started:
        messages.success(
            request,
            ngettext("%(count)s city imported.", "%(count)s cities imported.", count) % {"count": count},
        )
    else:
        messages.info(
            request,
            ngettext(
                "This import was already applied: %(count)s city was imported.",
                "This import was already applied: %(count)s cities were imported.",
                count,
            )
            % {"count": count},
        )
    return redirect("network:city_list")


EXPORTERS = {"csv", "xlsx"}


@login_required
def export_register(request: HttpRequest, fmt: str) -> HttpResponse:
    if not request.user.has_perm("network.view_register"):
        raise PermissionDenied
    if fmt not in EXPORTERS:
        raise Http404("Unknown export format.")
    listing = city_list_filtered(request.user, request.GET)
    filename = f"icc-register-{datetime.date.today():%Y-%m-%d}.{fmt}"
    rows = register_export_rows(listing.cities)
    if fmt == "csv":
        return csv_response(filename, EXPORT_HEADERS, rows)
    return xlsx_response(filename, _("Cities"), EXPORT_HEADERS, rows)
