"""A city's report: its page (the draft, or a published version, in English or French), the commentary,
experts, sharing and publishing, and the downloads."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from icc.accounts.models import RoleKind, User
from icc.core.downloads import attachment_response
from icc.core.models import Job, JobStatus
from icc.index.selectors.access import get_response_for_user
from icc.index.selectors.publication import is_response_published
from icc.notifications.services import told_about
from icc.reports.models import REPORT_LANGUAGES, Report, ReportVersion
from icc.reports.selectors.access import get_report_for_user, get_version_for_user
from icc.reports.selectors.authors import report_authors_balance
from icc.reports.selectors.sections import commentary_in, missing_translations, report_sections
from icc.reports.selectors.versions import report_versions, reports_for_user
from icc.reports.services import drafts, publishing
from icc.reports.services.draft_job import draft_jobs, report_draft_start


def _language(request: HttpRequest) -> str:
    """The report's language: ?lang=, else the reader's."""
    wanted = request.GET.get("lang") or (get_language() or "en").split("-")[0]
    return wanted if wanted in REPORT_LANGUAGES else REPORT_LANGUAGES[0]


def _checked_language(lang: str) -> str:
    if lang not in REPORT_LANGUAGES:
        raise Http404("No such language.")
    return lang


def _report_html(content: dict, commentary: dict, language: str) -> SafeString:
    from django.utils import translation

    from icc.reports.selectors.city_report import CityReport, city_report_html

    with translation.override(language):
        html = city_report_html(
            CityReport.from_dict(content), commentary=commentary_in(commentary, language), standalone=False
        )
    return mark_safe(html)


def _show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _languages(request: HttpRequest, current: str) -> list[dict[str, object]]:
    from django.utils.translation import get_language_info

    return [
        {"code": code, "name": get_language_info(code)["name_local"], "current": code == current}
        for code in REPORT_LANGUAGES
    ]


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    authors = report_authors_balance() if request.user.has_perm("reports.manage_report") else None
    return render(
        request,
        "reports/manage/list.html",
        {"reports": list(reports_for_user(request.user)[:500]), "authors": authors},
    )


@login_required
@require_GET
def response_report(request: HttpRequest, pk: int) -> HttpResponse:
    """From a city's scores to its report: the report when there is one this person may read, else what
    can be done (the secretariat generates the draft; the city waits until it is shared)."""
    response = get_response_for_user(request.user, pk)
    report = Report.objects.filter(response=response).first()
    can_generate = request.user.has_perm("reports.manage_report")
    job = _draft_job(response.pk, since=None) if can_generate else None
    if request.htmx:  # type: ignore[attr-defined]  # the progress fragment polls
        return _poll(request, job)
    if report is not None and request.user.has_perm("reports.view_report", report):
        return redirect("reports:report_detail", pk=report.pk)
    if not request.user.has_perm("index.view_response_scores", response):
        raise PermissionDenied
    return render(
        request,
        "reports/manage/no_report.html",
        {"response": response, "can_generate": can_generate, **_job_context(job)},
    )


def _draft_job(response_id: int, since: datetime.datetime | None) -> Job | None:
    """The response's latest draft job, when it runs, or failed after the draft of `since` was made."""
    job = draft_jobs(response_id).first()
    if job is None or job.is_active:
        return job
    if job.status == JobStatus.FAILED and (since is None or (job.finished_at and job.finished_at > since)):
        return job
    return None


def _job_context(job: Job | None) -> dict[str, object]:
    if job is None:
        return {}
    return {
        "job": job,
        "title": _("Generating the draft")
        if job.is_active
        else _("The latest generation of the draft failed"),
    }


def _poll(request: HttpRequest, job: Job | None) -> HttpResponse:
    """The progress fragment while the job runs, then a reload of the page, which shows the draft."""
    if job is not None and job.is_active:
        return render(request, "core/_job.html", _job_context(job))
    return HttpResponseClientRefresh()


def _started(request: HttpRequest, job: Job, started: bool, *, again: bool) -> bool:
    """Say honestly what happened to the request; whether the draft is ready."""
    job.refresh_from_db()
    if job.status == JobStatus.FINISHED and started:
        if again:
            messages.success(request, _("The draft was generated again from the current scores."))
        else:
            messages.success(request, _("The draft report is ready, in English and in French."))
        return True
    if job.status == JobStatus.FAILED:
        messages.error(request, job.error)
    elif started:
        messages.info(
            request,
            _(
                "The draft is being generated in the background (about ten seconds); this page follows "
                "the progress and shows the draft when it is ready."
            ),
        )
    else:
        messages.info(request, _("This draft is being generated already; this page shows the progress."))
    return False


@login_required
@require_POST
def response_report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    if not request.user.has_perm("reports.manage_report"):
        raise PermissionDenied
    try:
        job, started = report_draft_start(response=response, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _show_errors(request, exc)
        return redirect("reports:response_report", pk=response.pk)
    if _started(request, job, started, again=False):
        return redirect("reports:report_detail", pk=job.result["report"])
    return redirect("reports:response_report", pk=response.pk)


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    user = request.user
    can_manage = user.has_perm("reports.manage_report", report)
    job = _draft_job(report.response_id, since=report.draft_generated_at) if can_manage else None
    if request.htmx:  # type: ignore[attr-defined]  # the progress fragment polls
        return _poll(request, job)
    language = _language(request)
    can_see_draft = user.has_perm("reports.view_draft", report)
    draft_html = None
    if can_see_draft and report.has_draft and language in report.draft_content:
        draft_html = _report_html(report.draft_content[language], report.commentary, language)
    experts = list(report.experts.all())
    return render(
        request,
        "reports/manage/report.html",
        {
            "report": report,
            "response": report.response,
            "language": language,
            "languages": _languages(request, language),
            "draft_html": draft_html,
            "can_see_draft": can_see_draft,
            "can_comment": user.has_perm("reports.comment_report", report),
            "can_manage": can_manage,
            "versions": report_versions(report),
            "experts": experts,
            "expert_choices": (
                list(User.objects.filter(is_active=True, roles__kind=RoleKind.EXPERT).distinct())
                if can_manage
                else []
            ),
            "missing_translations": missing_translations(report) if can_manage else [],
            **_job_context(job),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_commentary(request: HttpRequest, pk: int) -> HttpResponse:
    """One textarea per section, in one language (the reader's, or ?lang=)."""
    report = get_report_for_user(request.user, pk, perm="reports.comment_report")
    language = _checked_language(request.POST.get("language") or _language(request))
    sections = report_sections(report, language)
    errors: dict[str, list[str]] = {}
    texts = {s.key: report.commentary.get(s.key, {}).get(language, "") for s in sections}
    if request.method == "POST":
        texts = {s.key: request.POST.get(f"section-{s.key}", "") for s in sections}
        try:
            drafts.report_comment_update(
                report=report,
                language=language,
                texts=texts,
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            messages.success(request, _("Commentary saved."))
            return redirect(f"{request.path}?lang={language}")
    return render(
        request,
        "reports/manage/commentary.html",
        {
            "report": report,
            "response": report.response,
            "language": language,
            "languages": _languages(request, language),
            "fields": [
                {"section": s, "text": texts.get(s.key, ""), "errors": errors.get(s.key, [])}
                for s in sections
            ],
            "other_errors": errors.get("__all__", []) + errors.get("language", []),
            "max_length": drafts.MAX_COMMENTARY,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk, perm="reports.manage_report")
    try:
        job, started = report_draft_start(response=report.response, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        _started(request, job, started, again=True)
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def report_experts(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk, perm="reports.manage_report")
    chosen = list(User.objects.filter(pk__in=[v for v in request.POST.getlist("experts") if v.isdigit()]))
    try:
        due_on = forms.DateField(required=False).clean(request.POST.get("due_on", ""))
    except ValidationError:
        messages.error(request, _("Commentary due on: give a date such as 2027-01-31."))
        return redirect("reports:report_detail", pk=report.pk)
    try:
        saved = drafts.report_assign_experts(
            report=report,
            experts=chosen,
            by=request.user,  # type: ignore[arg-type]
            due_on=due_on,
        )
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        told = told_about(saved)
        messages.success(request, _("Experts saved.") + (" " + told.sentence() if told else ""))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_share(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk, perm="reports.manage_report")
    if request.method == "POST":
        try:
            shared = drafts.report_share_with_city(report=report, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            told = told_about(shared).sentence()
            messages.success(request, _("The draft is shared with the city.") + " " + told)
        return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/manage/share.html", {"report": report, "response": report.response})


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk, perm="reports.manage_report")
    versions = report_versions(report)
    note = ""
    errors: list[str] = []
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            version = publishing.report_publish(report=report, by=request.user, note=note)  # type: ignore[arg-type]
        except ValidationError as exc:
            errors = exc.messages
        else:
            said = _("Version %(n)s is published.") % {"n": version.number}
            messages.success(request, f"{said} {told_about(version).sentence()}")
            return redirect("reports:version_detail", pk=version.pk)
    return render(
        request,
        "reports/manage/publish.html",
        {
            "report": report,
            "response": report.response,
            "versions": versions,
            "note": note,
            "errors": errors,
            "note_required": bool(versions),
            "published": is_response_published(report.response),
            "missing_translations": missing_translations(report),
        },
        status=400 if errors else 200,
    )


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    language = _language(request)
    report = version.report
    return render(
        request,
        "reports/manage/version.html",
        {
            "version": version,
            "report": report,
            "response": report.response,
            "language": language,
            "languages": _languages(request, language),
            "html": _report_html(version.content[language], version.commentary, language),
            "latest": report.versions.order_by("-number").values_list("number", flat=True).first(),
            "can_open_report": request.user.has_perm("reports.view_report", report),
        },
    )


def _pdf_name(report: Report, language: str, version: ReportVersion | None = None) -> str:
    stem = drafts.file_stem(report.response)
    return f"{stem}-v{version.number}-{language}.pdf" if version else f"{stem}-draft-{language}.pdf"


@login_required
@require_GET
def draft_pdf(request: HttpRequest, pk: int, lang: str) -> FileResponse:
    report = get_report_for_user(request.user, pk, perm="reports.view_draft")
    lang = _checked_language(lang)
    return attachment_response(report.draft_file("pdf", lang), _pdf_name(report, lang))


@login_required
@require_GET
def version_pdf(request: HttpRequest, pk: int, lang: str) -> FileResponse:
    version = get_version_for_user(request.user, pk)
    lang = _checked_language(lang)
    return attachment_response(version.file("pdf", lang), _pdf_name(version.report, lang, version))


@require_GET
def published_pdf(request: HttpRequest, pk: int, lang: str) -> FileResponse:
    """The public download of a published version: anyone, but only where the city's results are public
    (404 otherwise, for everyone: this address is the public one)."""
    version = (
        ReportVersion.objects.select_related("report__response__city", "report__response__round")
        .filter(pk=pk)
        .first()
    )
    if version is None or not is_response_published(version.report.response):
        raise Http404("No such published report.")
    lang = _checked_language(lang)
    return attachment_response(version.file("pdf", lang), _pdf_name(version.report, lang, version))
