"""The city's data entry: its responses, a response's overview, one section's questions, autosave of each
answer, evidence files, section assignments and the review-and-confirm submission.

Autosave: every question is its own form posting to `answer_save` with htmx. A save made while typing
(`autosave=1`) answers with the re-rendered question block whose status line and revision are marked
out-of-band and `HX-Reswap: none`, so the inputs under the person's fingers are never replaced; only a
conflict, an upload or a removal swaps the whole block. Without JavaScript the same forms post normally
and the views redirect back to the question.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh, reswap

from icc.accounts.selectors import user_roles_summary
from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.index.answers import NOT_APPLICABLE, AnswerError, clean_links
from icc.index.forms.entry import AssignForm, SubmitForm
from icc.index.models import EvidenceFile, Response, SectionAssignment
from icc.index.rules import can_answer_area
from icc.index.selectors import entry as selectors
from icc.index.selectors.access import get_response_for_user
from icc.index.services import responses as services
from icc.index.structure import QuestionInfo, structure_of
from icc.notifications.services import told_about

TEMPLATE_BLOCK = "index/entry/section.html#question"
SAVED_BLOCK = "index/entry/section.html#saved"
EVIDENCE_BLOCK = "index/entry/section.html#evidence"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _section_url(response: Response, area: str, question: str | None = None) -> str:
    url = reverse("index:response_section", kwargs={"pk": response.pk, "area": area})
    return f"{url}#{selectors.dom_id(question)}" if question else url


@login_required
def my_responses(request: HttpRequest) -> HttpResponse:
    listing = selectors.my_responses(request.user)
    return render(request, "index/entry/my_responses.html", {"listing": listing})


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    overview = selectors.response_overview(request.user, response)
    form = None
    if overview.people:
        form = AssignForm(
            areas=[(s.area.id, f"{s.number}. {s.title}") for s in overview.sections], people=overview.people
        )
    return render(
        request,
        "index/entry/detail.html",
        {
            "overview": overview,
            "response": response,
            "form": form,
            "team": selectors.response_team(request.user, response),
        },
    )


@login_required
def response_section(request: HttpRequest, pk: int, area: str) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    try:
        page = selectors.section_page(request.user, response, area)
    except KeyError:
        raise Http404("No such section.") from None
    return render(request, "index/entry/section.html", _section_context(page))


def _section_context(page: selectors.SectionPage) -> dict[str, Any]:
    return {
        "page": page,
        "response": page.response,
        "can_answer": page.can_answer,
        "works_for_city": page.works_for_city,
        "max_upload_mb": settings.MAX_UPLOAD_MB,
    }


def _question_for(request: HttpRequest, response: Response, question: str) -> tuple[QuestionInfo, str]:
    """The question and its section; 404 if the questionnaire has no such question, 403 if the person may
    read the response but not answer this section while it is open for answers."""
    structure = structure_of(response.round.questionnaire)
    if not structure.has_question(question):
        raise Http404("No such question.")
    area = structure.area_of(question).id
    if response.is_editable and not can_answer_area(request.user, response, area):
        raise PermissionDenied
    return structure.question(question), area


def _posted_value(info: QuestionInfo, data: QueryDict) -> Any:
    """The raw answer from the question's inputs, for `clean_answer` (None: unanswered)."""
    if info.type == "multiple_choice":
        chosen = [v for v in data.getlist("value") if v]
        if NOT_APPLICABLE in chosen and len(chosen) > 1:
            raise AnswerError(_("Choose “Not applicable” alone, or untick it."))
        if selectors.NONE_OF_THESE in chosen:
            if len(chosen) > 1:
                raise AnswerError(_("Untick “None of these”, or untick the other answers."))
            return []
        return chosen or None
    if info.type in ("single_choice", "yes_no"):
        return data.get("value") or None
    if data.get("value_na"):
        return NOT_APPLICABLE
    return data.get("value", "")


def _revision(data: QueryDict) -> int | None:
    try:
        return int(data.get("base_revision", ""))
    except ValueError:
        return None


def _same_as_stored(conflict: services.Conflict, data: QueryDict) -> bool:
    theirs = conflict.theirs
    explanation = data.get("explanation")
    try:
        links = clean_links(data["links"]) if "links" in data else theirs.links
    except AnswerError:
        return False
    return (
        conflict.mine_value == theirs.value
        and (explanation is None or explanation.strip() == theirs.explanation)
        and links == theirs.links
    )


def _with_posted(view: selectors.QuestionView, data: QueryDict) -> selectors.QuestionView:
    """Show what the person posted (not what is stored) when it could not be saved."""
    view.selected = (
        [v for v in data.getlist("value") if v] if view.info.type in selectors.CHOICE_TYPES else []
    )
    view.is_na = bool(data.get("value_na")) or NOT_APPLICABLE in view.selected
    view.text_value = "" if view.info.type in selectors.CHOICE_TYPES else data.get("value", "")
    view.explanation = data.get("explanation", "")
    view.links_text = data.get("links", "")
    return view


def _block(request: HttpRequest, response: Response, view: selectors.QuestionView, area: str) -> HttpResponse:
    context = {
        "q": view,
        "response": response,
        "area": area,
        "can_answer": response.is_editable and can_answer_area(request.user, response, area),
        "works_for_city": response.city_id in user_roles_summary(request.user).city_ids,
        "max_upload_mb": settings.MAX_UPLOAD_MB,
    }
    return render(request, TEMPLATE_BLOCK, context)


def _saved(request: HttpRequest, response: Response, view: selectors.QuestionView, area: str) -> HttpResponse:
    """After an autosave: the status line, the revision and the progress, out-of-band. No form, no page
    frame: rendered without the request's context processors, which would read what none of it shows."""
    context = {
        "q": view,
        "can_answer": response.is_editable and can_answer_area(request.user, response, area),
        "oob": True,
        "progress_oob": selectors.section_progress(response, area),
    }
    return HttpResponse(render_to_string(SAVED_BLOCK, context))


def _page_with(
    request: HttpRequest, response: Response, area: str, view: selectors.QuestionView
) -> HttpResponse:
    """The whole section page with one question's block replaced (no JavaScript: an error or a conflict)."""
    page = selectors.section_page(request.user, response, area)
    page.questions = [view if q.id == view.id else q for q in page.questions]
    return render(request, "index/entry/section.html", _section_context(page))


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    info, area = _question_for(request, response, question)
    data = request.POST
    autosave = _is_htmx(request) and data.get("autosave") == "1"
    before = (
        selectors.stored_value(response, question)
        if question in selectors.dependency_ids(structure_of(response.round.questionnaire))
        else None
    )
    error = ""
    invalid = ""  # the input at fault, flagged on the page by static/icc/entry.js
    result = None
    try:
        value = _posted_value(info, data)
        result = services.answer_save(
            response=response,
            question=question,
            by=request.user,  # type: ignore[arg-type]
            value=value,
            explanation=data.get("explanation"),
            links=data.get("links"),
            base_revision=_revision(data),
        )
    except AnswerError as exc:
        error, invalid = str(exc), "value"
    except ValidationError as exc:
        error = " ".join(exc.messages)
        fields = getattr(exc, "error_dict", {})
        invalid = next((name for name in ("value", "explanation", "links") if name in fields), "")
    if result is not None and result.conflict is not None and _same_as_stored(result.conflict, data):
        # Both saved the same: nothing to choose.
        result = services.SaveResult(answer=result.answer, status=result.status)
    if result is not None:  # the answer and the status as the save left them: not read again
        response.status = result.status
    else:
        response.refresh_from_db(fields=["status"])
    # An autosave that leaves nothing to choose answers with the status line, not the block (_saved).
    status_only = autosave and (result is None or result.conflict is None)
    view = selectors.question_view(
        response, question, answer=result.answer if result else None, with_files=not status_only
    )
    if error:
        view = _with_posted(view, data)
        view.error = error
    elif result is not None and result.conflict is not None:
        view = _with_posted(view, data)
        view.conflict = result.conflict
        view.mine = {
            "values": data.getlist("value"),
            "value_na": data.get("value_na", ""),
            "explanation": data.get("explanation", ""),
            "links": data.get("links", ""),
        }
    saved = not error and (result is None or result.conflict is None)
    if not _is_htmx(request):
        if saved:
            messages.success(request, _("Answer to question %(number)s saved.") % {"number": view.number})
            return redirect(_section_url(response, area, question))
        return _page_with(request, response, area, view)
    if saved and view.has_dependents and before != (view.answer.value if view.answer else None):
        # Other questions appear or disappear with this answer: show the section again.
        page: HttpResponse = HttpResponseClientRefresh()
    elif status_only:
        # Only the status line, the revision and the progress change on the page.
        page = reswap(_saved(request, response, view, area), "none")
    else:
        page = _block(request, response, view, area)
    page["X-Answer-Saved"] = "true" if saved else "false"  # read by static/icc/entry.js
    page["X-Answer-Invalid"] = invalid
    return page


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    _info, area = _question_for(request, response, question)
    upload = request.FILES.get("file")
    error = notice = ""
    if upload is None:
        error = _("Choose a file to attach, then press “Attach”.")
    else:
        try:
            evidence = services.evidence_add(
                response=response,
                question=question,
                file=upload,
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            notice = _("“%(name)s” attached.") % {"name": evidence.name}
    return _after_file_change(request, response, question, area, error=error, notice=notice)


def _after_file_change(
    request: HttpRequest, response: Response, question: str, area: str, *, error: str, notice: str
) -> HttpResponse:
    """After an upload or a removal: the question's evidence files and its revision (htmx), or back to
    the section. The answer's inputs are not re-drawn: what the person typed and could not save yet (a
    link refused as invalid) stays in its box, with its error in the status line."""
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        return redirect(_section_url(response, area, question))
    view = selectors.question_view(response, question)
    view.file_error, view.notice = error, notice
    context = {
        "q": view,
        "response": response,
        "can_answer": response.is_editable and can_answer_area(request.user, response, area),
        "max_upload_mb": settings.MAX_UPLOAD_MB,
        "file_oob": True,
    }
    return render(request, EVIDENCE_BLOCK, context)


@login_required
def evidence_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    response = get_response_for_user(request.user, pk)
    evidence = get_object_or_404(EvidenceFile, pk=file_pk, answer__response=response)
    return attachment_response(evidence.file, evidence.name)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("answer"), pk=file_pk, answer__response=response
    )
    question = evidence.answer.question
    _info, area = _question_for(request, response, question)
    error = notice = ""
    try:
        services.evidence_remove(evidence=evidence, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        notice = _("“%(name)s” removed.") % {"name": evidence.name}
    return _after_file_change(request, response, question, area, error=error, notice=notice)


@login_required
@require_POST
def response_assign(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.coordinate_response")
    unassign = request.POST.get("unassign", "")
    if unassign.isdigit():
        assignment = get_object_or_404(
            SectionAssignment.objects.select_related("user"), pk=unassign, response=response
        )
        services.section_unassign(assignment=assignment, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("%(name)s is no longer asked to answer this section.") % {"name": assignment.user}
        )
        return redirect("index:response_detail", pk=response.pk)
    structure = structure_of(response.round.questionnaire)
    form = AssignForm(
        request.POST,
        areas=[(a.id, a.title()) for a in structure.areas],
        people=selectors.city_people(response),
    )
    if form.is_valid():
        try:
            assignment = services.section_assign(
                response=response,
                area=form.cleaned_data["area"],
                user=form.cleaned_data["user"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            told = told_about(assignment)
            messages.success(
                request,
                _("%(name)s can now answer “%(section)s”.")
                % {
                    "name": form.cleaned_data["user"],
                    "section": structure.area(form.cleaned_data["area"]).title(),
                }
                + (" " + told.sentence() if told else ""),
            )
            return redirect("index:response_detail", pk=response.pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(
                request,
                _("%(label)s: %(message)s") % {"label": label, "message": message} if label else str(message),
            )
    return redirect("index:response_detail", pk=response.pk)


@login_required
def response_submit(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.coordinate_response")
    if not response.is_editable:
        messages.info(
            request,
            _("This response is %(status)s; there is nothing to submit.")
            % {"status": response.get_status_display().lower()},
        )
        return redirect("index:response_detail", pk=response.pk)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(response=response, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The response of %(city)s was submitted to the secretariat. It is now read-only; "
                    "the secretariat will write to you if anything needs revising."
                )
                % {"city": response.city},
            )
            return redirect("index:response_detail", pk=response.pk)
    sections, progress = selectors.unanswered_by_section(response)
    return render(
        request,
        "index/entry/submit.html",
        {
            "response": response,
            "form": form,
            "sections": sections,
            "progress": progress,
            "unanswered_count": progress.applicable - progress.answered,
        },
    )
