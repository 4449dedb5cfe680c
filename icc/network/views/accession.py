"""Pages of the accession path: the secretariat's pipeline board, recording a city's next step, documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.network.forms import AccessionStepForm, AccessionUndoForm
from icc.network.models import AccessionDocument
from icc.network.selectors.access import get_city_for_user
from icc.network.selectors.pipeline import accession_overview, pipeline_board, step_label
from icc.network.services import accession as accession_services


@login_required
def pipeline(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("network.view_register"):
        raise PermissionDenied
    return render(request, "network/accession/pipeline.html", {"board": pipeline_board()})


@login_required
def record_step(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.manage_accession")
    overview = accession_overview(city)
    undoing = request.method == "POST" and "undo" in request.POST
    recording = request.method == "POST" and not undoing
    form = AccessionStepForm(
        request.POST if recording else None,
        request.FILES if recording else None,
        needs_justification=overview.is_member_step and bool(overview.shortfalls),
        initial={"expected_step": overview.next_step, "date": overview.today},
    )
    undo_form = AccessionUndoForm(request.POST if undoing else None, prefix="undo")
    if recording and form.is_valid():
        try:
            step = accession_services.accession_record_step(
                city=city,
                by=request.user,  # type: ignore[arg-type]
                **form.service_arguments(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(step)s” recorded for %(city)s.") % {"step": step_label(step.step), "city": city},
            )
            return redirect("network:city_detail", slug=city.slug)
    if undoing and undo_form.is_valid():
        try:
            step = accession_services.accession_undo_last_step(
                city=city,
                by=request.user,  # type: ignore[arg-type]
                reason=undo_form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(undo_form, exc)
        else:
            messages.success(
                request,
                _("“%(step)s” was undone for %(city)s.") % {"step": step_label(step.step), "city": city},
            )
            return redirect("network:accession_record", slug=city.slug)
    return render(
        request,
        "network/accession/record.html",
        {"city": city, "overview": overview, "form": form, "undo_form": undo_form},
    )


@login_required
def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    city = get_city_for_user(request.user, slug, perm="network.view_accession_documents")
    document = get_object_or_404(AccessionDocument, pk=pk, step__city=city)
    return attachment_response(document.file)
