"""Import of cities from CSV/XLSX (dry run, then all or nothing) and export of the register."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
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
            return redirect("network:import_review", token=staged.token)
    return render(
        request,
        "network/transfer/upload.html",
        {
            "form": form,
            "columns": import_services.IMPORT_COLUMNS,
            "max_mb": import_services.MAX_IMPORT_MB,
            "max_rows": import_services.MAX_IMPORT_ROWS,
        },
    )


@login_required
def import_review(request: HttpRequest, token: str) -> HttpResponse:
    _require_register_manager(request)
    staged = import_services.staged_import_for_user(request.user, token)
    if request.method == "POST":
        try:
            cities = import_services.cities_import(preview_or_file=staged, by=request.user)  # type: ignore[arg-type]
        except import_services.ImportRejected as exc:
            messages.error(request, exc.messages[0])
            preview = exc.preview
        else:
            count = len(cities)
            messages.success(
                request,
                ngettext("%(count)s city imported.", "%(count)s cities imported.", count) % {"count": count},
            )
            return redirect("network:city_list")
    else:
        preview = import_services.import_preview(staged)
    return render(request, "network/transfer/review.html", {"preview": preview, "token": staged.token})


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
