"""The news and the newsletter for the secretariat, under /outreach/: news to write, publish and withdraw;
the newsletter's figures, issues composed from the news, new practices and coming events, and their sending
(a task with a progress bar). Every page is the secretariat's (icc.accounts.rules.require_secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts.rules import require_secretariat
from icc.core.forms import apply_validation_error
from icc.outreach import selectors, services
from icc.outreach.forms import IssueForm, NewsForm
from icc.outreach.models import NEWS_WORKFLOW, IssueStatus, NewsItem, NewsletterIssue


@login_required
def news_list(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    page = Paginator(selectors.news_for_management(), 50).get_page(request.GET.get("page"))
    return render(request, "outreach/news_list.html", {"page": page})


@login_required
def news_create(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.news_create(data=form.data_for_service(), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The news was saved as a draft."))
            return redirect("outreach:news_detail", pk=item.pk)
    return render(request, "outreach/news_form.html", {"form": form, "item": None})


@login_required
def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    item = get_object_or_404(NewsItem, pk=pk)
    form = NewsForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(item=item, data=form.data_for_service(), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The news was saved."))
            return redirect("outreach:news_detail", pk=item.pk)
    return render(request, "outreach/news_form.html", {"form": form, "item": item})


@login_required
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    item = get_object_or_404(NewsItem.objects.select_related("author"), pk=pk)
    moves = [(s, NEWS_WORKFLOW.labels[s]) for s in NEWS_WORKFLOW.allowed_from(item.status)]
    return render(request, "outreach/news_detail.html", {"item": item, "moves": moves})


@login_required
@require_POST
def news_status(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    item = get_object_or_404(NewsItem, pk=pk)
    try:
        services.news_status_change(item=item, status=request.POST.get("status", ""), by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The news is now %(status)s.") % {"status": item.get_status_display()})
    return redirect("outreach:news_detail", pk=item.pk)


@login_required
def news_history(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    item = get_object_or_404(NewsItem, pk=pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": item.title,
            "entries": selectors.news_history(item),
            "back_url": reverse("outreach:news_detail", args=[item.pk]),
        },
    )


# --------------------------------------------------------------------------------------------- newsletter


@login_required
def newsletter(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    return render(
        request,
        "outreach/newsletter.html",
        {"figures": selectors.newsletter_figures(), "issues": list(selectors.issues_for_management()[:50])},
    )


@login_required
def issue_create(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    candidates = selectors.issue_candidates()
    form = IssueForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_compose(data=form.data_for_service(), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The issue was composed. Read it in both languages, then send it."))
            return redirect("outreach:issue_detail", pk=issue.pk)
    return render(
        request, "outreach/issue_form.html", {"form": form, "issue": None, "candidates": candidates}
    )


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if issue.status != IssueStatus.DRAFT:
        messages.error(request, _("This issue was sent: it can no longer be changed."))
        return redirect("outreach:issue_detail", pk=issue.pk)
    candidates = selectors.issue_candidates()
    form = IssueForm(request.POST or None, candidates=candidates, issue=issue)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(issue=issue, data=form.data_for_service(), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The issue was saved."))
            return redirect("outreach:issue_detail", pk=issue.pk)
    return render(
        request, "outreach/issue_form.html", {"form": form, "issue": issue, "candidates": candidates}
    )


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    issue = get_object_or_404(selectors.issues_for_management(), pk=pk)
    job = issue.job
    if request.htmx and job is not None:  # type: ignore[attr-defined]
        from django_htmx.http import HttpResponseClientRefresh

        if not job.is_active:
            return HttpResponseClientRefresh()
        return render(request, "core/_job.html", {"job": job, "title": _("Sending")})
    content = selectors.issue_content(issue)
    return render(
        request,
        "outreach/issue_detail.html",
        {
            "issue": issue,
            "job": job,
            "job_title": _("Sending"),
            "previews": [
                (
                    code,
                    name,
                    getattr(issue, f"subject_{code}") or issue.subject_en,
                    content.for_language(code),
                )
                for code, name in (("en", _("English")), ("fr", _("French")))
            ],
            "receivers": selectors.newsletter_figures().confirmed,
            "stopped": selectors.send_stopped(issue),
            "uncertain": issue.dispatches.filter(sent_at=None).count()
            if issue.status != IssueStatus.DRAFT
            else 0,
        },
    )


@login_required
@require_POST
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    issue: NewsletterIssue = get_object_or_404(NewsletterIssue.objects.select_related("job"), pk=pk)
    try:
        if issue.status == IssueStatus.SENDING:
            services.issue_resume(issue=issue, by=request.user)  # type: ignore[arg-type]
        else:
            services.issue_send(issue=issue, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("outreach:issue_detail", pk=issue.pk)


@login_required
def issue_history(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": issue.subject,
            "entries": selectors.issue_history(issue),
            "back_url": reverse("outreach:issue_detail", args=[issue.pk]),
        },
    )
