"""Offline work on a response (XLSX download, import with a dry run) and a round's exports for analysts."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from icc.core.exports import XLSX_CONTENT_TYPE, csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.index.forms.exchange import ImportApplyForm, ResponseImportForm
from icc.index.models import Response, ResponseStatus
from icc.index.rules import answers_some_area
from icc.index.selectors.access import get_response_for_user, get_round_for_user
from icc.index.services import exchange


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _get_response_to_import(request: HttpRequest, pk: int) -> Response:
    """404 for those who may not read the response, 403 for readers who answer no part of it."""
    response = get_response_for_user(request.user, pk)
    if not answers_some_area(request.user, response):
        raise PermissionDenied
    return response


@login_required
@require_GET
def response_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    content = exchange.response_to_xlsx(response, translation.get_language())
    return _attachment(content, XLSX_CONTENT_TYPE, exchange.response_xlsx_filename(response))


@login_required
@require_http_methods(["GET", "POST"])
def response_import(request: HttpRequest, pk: int) -> HttpResponse:
    response = _get_response_to_import(request, pk)
    form = ResponseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            preview = exchange.response_import_preview(
                response=response,
                file=form.cleaned_data["file"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("index:response_import_review", pk=response.pk, token=preview.token)
    is_coordinator = request.user.has_perm("index.coordinate_response", response)
    return render(
        request,
        "index/exchange/import.html",
        {
            "response": response,
            "form": form,
            "is_coordinator": is_coordinator,
            "max_mb": exchange.MAX_IMPORT_MB,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_import_review(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    response = _get_response_to_import(request, pk)
    done = exchange.import_applied(request.user, token)
    if done is not None:  # applied already: a double click, a second tab, the back button
        messages.info(request, exchange.ImportAlreadyApplied(int(done.result.get("saved", 0))).messages[0])
        return redirect("index:response_detail", pk=response.pk)
    staged = exchange.staged_import_for_user(request.user, response, token)
    if request.method == "POST":
        form = ImportApplyForm(request.POST)
        fingerprint = (form.cleaned_data["fingerprint"] or None) if form.is_valid() else None
        try:
            saved = exchange.response_import_apply(
                response=response,
                token=staged.token,
                by=request.user,  # type: ignore[arg-type]
                fingerprint=fingerprint,
            )
        except exchange.ImportAlreadyApplied as exc:
            messages.info(request, exc.messages[0])
            return redirect("index:response_detail", pk=response.pk)
        except exchange.ImportRejected as exc:
            messages.error(request, exc.messages[0])
            preview = exc.preview
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("index:response_import", pk=response.pk)
        else:
            count = len(saved)
            messages.success(
                request,
                ngettext(
                    "%(count)s answer saved from the workbook.",
                    "%(count)s answers saved from the workbook.",
                    count,
                )
                % {"count": count},
            )
            return redirect("index:response_detail", pk=response.pk)
    else:
        preview = exchange.response_import_preview(response=response, file=staged, by=request.user)  # type: ignore[arg-type]
    return render(
        request,
        "index/exchange/review.html",
        {
            "response": response,
            "preview": preview,
            "form": ImportApplyForm(initial={"fingerprint": preview.fingerprint}),
        },
    )


ROUND_EXPORT_FORMATS = ("csv", "xlsx", "json")


@login_required
@require_GET
def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if fmt not in ROUND_EXPORT_FORMATS:
        raise Http404("Unknown export format.")
    filename = exchange.round_export_filename(round_, fmt)
    if fmt == "json":
        status = request.GET.get("status", ResponseStatus.VALIDATED)
        if status not in ("all", ResponseStatus.VALIDATED):
            raise Http404("Unknown status filter.")
        document = exchange.round_interchange(
            round_, statuses=None if status == "all" else (ResponseStatus.VALIDATED,)
        )
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
        return _attachment(text.encode("utf-8"), "application/json; charset=utf-8", filename)
    header, rows = exchange.round_rows(round_)
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, _("Responses"), header, rows)
