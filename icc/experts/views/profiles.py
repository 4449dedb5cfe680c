"""Visits and intercultural profiles: the visit's page and record, the profile's drafting (autosaved), review,
sharing and the city's decision on publication.

Autosave is the Index entry's (icc/index/views/entry.py, static/icc/entry.js): each area of the profile is
its own form posting to `profile_save` with htmx as the lead expert types (`autosave=1`); a save answers
with the area's status line and revision only, out-of-band with `HX-Reswap: none`, so the text under the
expert's fingers is never replaced; only a conflict swaps the area's block. Without JavaScript the same
forms post normally and the view redirects back to the area.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.experts.forms.profiles import (
    CommentForm,
    ProfileStartForm,
    ReturnForm,
    VisitDocumentForm,
    VisitRecordForm,
)
from icc.experts.models import Profile, ProfileStatus, VisitDocument
from icc.experts.selectors import profiles as selectors
from icc.experts.selectors.profiles import (
    GENDER_EQUALITY,
    SUMMARY,
    AreaBlock,
    get_profile_for_user,
    get_visit_for_user,
)
from icc.experts.services import profiles as services
from icc.notifications.services import told_about

BLOCK = "experts/profiles/draft.html#area"
SAVED = "experts/profiles/draft.html#saved"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _with_told(text: str, profile: Profile) -> str:
    """A message followed by who was told (and who turned such notices off)."""
    told = told_about(profile)
    return f"{text} {told.sentence()}" if told else text


def _errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --------------------------------------------------------------------------------------------- visits


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = list(selectors.visible_visits(request.user)[:300])
    return render(request, "experts/profiles/visit_list.html", {"visits": visits})


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit, access = get_visit_for_user(request.user, pk)
    page = selectors.visit_page(visit, access)
    context = {
        "page": page,
        "start_form": ProfileStartForm(initial={"language": page.languages_missing[0]})
        if page.languages_missing and (access.lead or access.secretariat)
        else None,
        "document_form": VisitDocumentForm() if access.can_keep_record else None,
    }
    return render(request, "experts/profiles/visit.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit, _access = get_visit_for_user(request.user, pk, write=True)
    first = visit.assignment.kind.key == selectors.FIRST_VISIT
    form = VisitRecordForm(request.POST or None, visit=visit, first_visit=first)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record_update(
                assignment=visit.assignment,
                by=request.user,  # type: ignore[arg-type]
                agenda=form.cleaned_data["agenda"],
                report=form.cleaned_data.get("report", ""),
                report_gender_equality=form.cleaned_data.get("report_gender_equality", ""),
                meetings=form.meetings(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The visit's record is saved."))
            return redirect("experts:visit_detail", pk=pk)
    return render(
        request, "experts/profiles/visit_edit.html", {"visit": visit, "form": form, "first_visit": first}
    )


@login_required
@require_POST
def visit_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    visit, _access = get_visit_for_user(request.user, pk, write=True)
    form = VisitDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, _("Document: %(message)s") % {"message": message})
        return redirect(reverse("experts:visit_detail", args=[pk]) + "#documents-h")
    try:
        document = services.visit_document_add(
            assignment=visit.assignment,
            file=form.cleaned_data["file"],
            by=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, _("Document: %(message)s") % {"message": message})
    else:
        messages.success(request, _("“%(name)s” attached to the visit.") % {"name": document.name})
    return redirect(reverse("experts:visit_detail", args=[pk]) + "#documents-h")


def _document(visit: Any, doc_pk: int) -> VisitDocument:
    if not visit.pk:
        raise Http404("No such document.")
    return get_object_or_404(VisitDocument.objects.select_related("visit"), pk=doc_pk, visit=visit)


@login_required
def visit_document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    visit, _access = get_visit_for_user(request.user, pk)
    document = _document(visit, doc_pk)
    return attachment_response(document.file, document.name)


@login_required
@require_POST
def visit_document_delete(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    visit, _access = get_visit_for_user(request.user, pk, write=True)
    document = _document(visit, doc_pk)
    document.visit.assignment = visit.assignment
    services.visit_document_remove(document=document, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("“%(name)s” removed.") % {"name": document.name})
    return redirect(reverse("experts:visit_detail", args=[pk]) + "#documents-h")


@login_required
@require_POST
def profile_start(request: HttpRequest, pk: int) -> HttpResponse:
    visit, access = get_visit_for_user(request.user, pk)
    if not (access.lead or access.secretariat):
        raise PermissionDenied
    form = ProfileStartForm(request.POST)
    if form.is_valid():
        try:
            profile = services.profile_start(
                assignment=visit.assignment,
                language=form.cleaned_data["language"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(
                request, _("The profile is started: write it area by area; it is saved as you type.")
            )
            return redirect("experts:profile_draft", pk=profile.pk)
    else:
        messages.error(request, _("Choose English or French for the profile."))
    return redirect("experts:visit_detail", pk=pk)


# --------------------------------------------------------------------------------------------- profiles


@login_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = get_profile_for_user(request.user, pk)
    page = selectors.profile_page(profile, access)
    return render(
        request, "experts/profiles/profile.html", {"page": page, "profile": profile, "access": access}
    )


@login_required
def profile_history(request: HttpRequest, pk: int) -> HttpResponse:
    profile, _access = get_profile_for_user(request.user, pk)
    context = {
        "subject": profile,
        "entries": history_entries(profile),
        "back_url": reverse("experts:profile_detail", args=[pk]),
    }
    return render(request, "core/history.html", context)


def _drafting(request: HttpRequest, pk: int) -> tuple[Profile, selectors.VisitAccess]:
    profile, access = get_profile_for_user(request.user, pk)
    if not access.can_draft:
        raise PermissionDenied
    return profile, access


@login_required
def profile_draft(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = _drafting(request, pk)
    page = selectors.profile_page(profile, access)
    editable = profile.status in selectors.EDITABLE
    return render(
        request, "experts/profiles/draft.html", {"page": page, "profile": profile, "editable": editable}
    )


def _block(profile: Profile, key: str) -> AreaBlock:
    area = selectors.area_for_save(profile, key)
    if key == GENDER_EQUALITY:
        block = selectors.gender_equality_block(profile, with_saver=True)
        block.comments = list(profile.comments.filter(area=key).select_related("author"))
        return block
    if area is None:
        return selectors.summary_block(profile, with_saver=True)
    block = selectors.area_block(profile, area, selectors.stored_area(profile, key), with_saver=True)
    block.comments = list(profile.comments.filter(area=key).select_related("author"))
    return block


@login_required
@require_POST
def profile_save(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    profile, _access = _drafting(request, pk)
    selectors.area_for_save(profile, part)  # 404 for a part the profile does not have
    data = request.POST
    base = data.get("base_revision")
    error, invalid = "", ""
    outcome = None
    try:
        if part == GENDER_EQUALITY:
            outcome = services.profile_gender_equality_save(
                profile=profile,
                text=data.get("gender_equality", ""),
                base_revision=base,
                by=request.user,  # type: ignore[arg-type]
            )
        elif part == SUMMARY:
            outcome = services.profile_summary_save(
                profile=profile,
                summary=data.get("summary", ""),
                base_revision=base,
                by=request.user,  # type: ignore[arg-type]
            )
        else:
            outcome = services.profile_area_save(
                profile=profile,
                area=part,
                strengths=data.get("strengths", ""),
                needs=data.get("needs", ""),
                recommendations=data.get("recommendations", ""),
                base_revision=base,
                by=request.user,  # type: ignore[arg-type]
            )
    except ValidationError as exc:
        error = " ".join(exc.messages)
        fields = getattr(exc, "error_dict", {})
        names = ("summary", "gender_equality", "strengths", "needs", "recommendations")
        invalid = next((n for n in names if n in fields), "")
    profile.refresh_from_db()
    block = _block(profile, part)
    conflict = outcome is not None and outcome.conflict
    saved = outcome is not None and outcome.saved
    if error:
        block.error = error
    if not _is_htmx(request):
        if saved:
            messages.success(request, _("“%(part)s” saved.") % {"part": block.title})
        else:
            messages.error(
                request, error or _("Not saved: someone else saved this part meanwhile; it is shown now.")
            )
        return redirect(reverse("experts:profile_draft", args=[pk]) + f"#{block.dom_id}")
    context: dict[str, Any] = {"b": block, "profile": profile, "editable": True}
    if conflict:
        context["mine"] = {
            name: data.get(name, "")
            for name in ("summary", "gender_equality", "strengths", "needs", "recommendations")
        }
        page: HttpResponse = render(request, BLOCK, context)
    else:
        # Only the status line and the revision change on the page: the inputs stay under the fingers.
        page = reswap(HttpResponse(render_to_string(SAVED, {**context, "oob": True})), "none")
    page["X-Answer-Saved"] = "true" if saved else "false"  # read by static/icc/entry.js
    page["X-Answer-Invalid"] = invalid
    return page


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_submit(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = _drafting(request, pk)
    if request.method == "POST":
        try:
            profile = services.profile_submit(profile=profile, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            _errors_to_messages(request, exc)
            return redirect("experts:profile_draft", pk=pk)
        messages.success(
            request, _with_told(_("The profile is submitted: the secretariat reviews it."), profile)
        )
        return redirect("experts:profile_detail", pk=pk)
    page = selectors.profile_page(profile, access)
    return render(request, "experts/profiles/submit.html", {"page": page, "profile": profile})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_review(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = get_profile_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    comment_form = CommentForm(prefix="comment")
    return_form = ReturnForm(prefix="return")
    if request.method == "POST":
        action = request.POST.get("action")
        by = request.user
        try:
            if action == "comment":
                comment_form = CommentForm(request.POST, prefix="comment")
                if comment_form.is_valid():
                    services.profile_comment_add(
                        profile=profile,
                        text=comment_form.cleaned_data["text"],
                        area=comment_form.cleaned_data["area"],
                        by=by,  # type: ignore[arg-type]
                    )
                    messages.success(
                        request, _("Comment added. The expert reads it when the profile is returned.")
                    )
                    return redirect("experts:profile_review", pk=pk)
            elif action == "return":
                return_form = ReturnForm(request.POST, prefix="return")
                if return_form.is_valid():
                    profile = services.profile_return(
                        profile=profile,
                        reason_text=return_form.cleaned_data["reason"],
                        by=by,  # type: ignore[arg-type]
                    )
                    text = _("The profile is returned to the lead expert with your reason.")
                    messages.success(request, _with_told(text, profile))
                    return redirect("experts:profile_detail", pk=pk)
            elif action == "accept":
                steps = services.profile_accept(profile=profile, by=by)  # type: ignore[arg-type]
                text = _("The profile is accepted.")
                if steps:
                    text += " " + _("Recorded in the city's accession: %(steps)s.") % {
                        "steps": ", ".join(f"“{s}”" for s in steps)
                    }
                messages.success(request, text)
                return redirect("experts:profile_detail", pk=pk)
        except ValidationError as exc:
            form = comment_form if action == "comment" else return_form
            if action in ("comment", "return"):
                apply_validation_error(form, exc)
            else:
                _errors_to_messages(request, exc)
    page = selectors.profile_page(profile, access)
    context = {
        "page": page,
        "profile": profile,
        "comment_form": comment_form,
        "return_form": return_form,
        "reviewing": profile.status == ProfileStatus.SUBMITTED,
    }
    return render(request, "experts/profiles/review.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_share(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = get_profile_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    if request.method == "POST":
        try:
            shared = services.profile_share(profile=profile, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            text = _("The profile is shared with %(city)s: its people read it and decide on publication.") % {
                "city": profile.visit.assignment.city
            }
            messages.success(request, _with_told(text, shared))
        return redirect("experts:profile_detail", pk=pk)
    return render(request, "experts/profiles/share.html", {"profile": profile})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_publication(request: HttpRequest, pk: int) -> HttpResponse:
    profile, access = get_profile_for_user(request.user, pk)
    if not (access.city_coordinator or access.secretariat):
        raise PermissionDenied
    published = profile.status == ProfileStatus.PUBLISHED
    if request.method == "POST":
        agreed = request.POST.get("action") != "withdraw"
        try:
            services.profile_publication_decide(profile=profile, agreed=agreed, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            city = profile.visit.assignment.city
            if agreed:
                messages.success(
                    request, _("The profile is published on the public page of %(city)s.") % {"city": city}
                )
            else:
                messages.success(
                    request, _("The profile is no longer on the public page of %(city)s.") % {"city": city}
                )
        return redirect("experts:profile_detail", pk=pk)
    return render(request, "experts/profiles/publication.html", {"profile": profile, "published": published})
