"""Policy briefs: the secretariat writes, reviews and publishes them (/practices/work/briefs/); everyone
reads the published ones and their PDF (/<lang>/practices/briefs/)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from icc.accounts.models import User
from icc.accounts.selectors import user_roles_summary
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.practices import briefs
from icc.practices.forms import BriefForm, BriefReturnForm
from icc.practices.models import BriefStatus, PolicyBrief
from icc.public.page_cache import public_cache


def _secretariat(request: HttpRequest) -> User:
    if not user_roles_summary(request.user).secretariat:
        raise PermissionDenied
    return cast(User, request.user)


@login_required
def brief_list(request: HttpRequest) -> HttpResponse:
    _secretariat(request)
    context = {
        "briefs": PolicyBrief.objects.select_related("author").order_by("status", "field", "pk"),
        "progress": briefs.brief_progress(),
    }
    return render(request, "practices/briefs/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def brief_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _secretariat(request)
    brief = get_object_or_404(PolicyBrief, pk=pk) if pk else None
    form = BriefForm(request.POST or None, instance=brief)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["practices"])
        try:
            if brief is None:
                brief = briefs.brief_create(by=user, data=form.content(), practices=chosen)
            else:
                brief = briefs.brief_update(by=user, brief=brief, data=form.content(), practices=chosen)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The brief is saved."))
            return redirect("practices:brief_detail", brief.pk)
    return render(request, "practices/briefs/form.html", {"form": form, "brief": brief})


@login_required
def brief_detail(request: HttpRequest, pk: int, return_form: BriefReturnForm | None = None) -> HttpResponse:
    _secretariat(request)
    brief = get_object_or_404(PolicyBrief.objects.select_related("author", "reviewed_by"), pk=pk)
    context = {
        "brief": brief,
        "areas": briefs.brief_areas(brief),
        "practices": list(brief.practices.select_related("city")),
        "return_form": return_form or BriefReturnForm(),
        "history": history_entries(brief),
    }
    return render(request, "practices/briefs/detail.html", context, status=400 if return_form else 200)


@login_required
@require_POST
def brief_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    user = _secretariat(request)
    brief = get_object_or_404(PolicyBrief, pk=pk)
    if status not in BriefStatus.values:
        raise Http404
    form = BriefReturnForm(request.POST)
    note = request.POST.get("note", "")
    if status == BriefStatus.DRAFT and not form.is_valid():
        return brief_detail(request, pk, return_form=form)
    try:
        briefs.brief_move(by=user, brief=brief, status=status, note=note)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The brief is now %(status)s.") % {"status": BriefStatus(status).label})
    return redirect("practices:brief_detail", pk)


# ------------------------------------------------------------------------------------------------ public


@require_safe
@public_cache
def public_brief_list(request: HttpRequest) -> HttpResponse:
    context = {"briefs": briefs.public_briefs(), "progress": briefs.brief_progress()}
    return render(request, "practices/briefs/public_list.html", context)


@require_safe
@public_cache
def public_brief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    brief = get_object_or_404(PolicyBrief.objects.public(), pk=pk)
    context = {
        "brief": brief,
        "areas": briefs.brief_areas(brief),
        "practices": list(brief.practices.public().select_related("city")),
    }
    return render(request, "practices/briefs/public_detail.html", context)


@require_safe
def public_brief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    brief = get_object_or_404(PolicyBrief.objects.public(), pk=pk)
    language = (get_language() or "en")[:2]
    response = HttpResponse(briefs.brief_pdf(brief, language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="policy-brief-{brief.pk}-{language}.pdf"'
    return response
