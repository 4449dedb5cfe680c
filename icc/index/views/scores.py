"""Index scores: a round's table (secretariat), a city's scores and the trace of each score (the
secretariat and the city's own people until results are published), and the methodology (everyone
signed in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from icc.core.exports import csv_response
from icc.core.models import Job, JobStatus
from icc.index.selectors import publication as publication_selectors
from icc.index.selectors import scores as score_selectors
from icc.index.selectors.access import get_response_for_user, get_round_for_user
from icc.index.services import publication as publication_services
from icc.index.services.recompute_job import recompute_jobs, round_scores_recompute_start

SCORES_PERM = "index.view_response_scores"


def _recompute_job(round_id: int) -> Job | None:
    """The round's latest recompute while it runs, or when it failed (the page says why)."""
    job = recompute_jobs(round_id).first()
    return job if job is not None and (job.is_active or job.status == JobStatus.FAILED) else None


def _recompute_context(job: Job | None) -> dict[str, object]:
    if job is None:
        return {}
    title = _("Recomputing the scores") if job.is_active else _("The latest recompute failed")
    return {"job": job, "title": title}


@login_required
@require_GET
def round_scores(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    job = _recompute_job(round_.pk) if request.user.has_perm("index.manage_rounds") else None
    if request.htmx:  # type: ignore[attr-defined]  # the progress fragment polls
        if job is not None and job.is_active:
            return render(request, "core/_job.html", _recompute_context(job))
        return HttpResponseClientRefresh()
    return render(
        request,
        "index/scores/round.html",
        {
            "page": score_selectors.round_scores_page(round_),
            "publication": publication_selectors.round_publication(round_),
            **_recompute_context(job),
        },
    )


@login_required
@require_GET
def round_scores_csv(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    header, rows = score_selectors.round_scores_table(round_)
    filename = f"{slugify(round_.name) or 'round'}-{round_.questionnaire.key}-scores.csv"
    return csv_response(filename, header, rows)


@login_required
@require_POST
def round_scores_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if not request.user.has_perm("index.manage_rounds"):
        raise PermissionDenied
    job, started = round_scores_recompute_start(round=round_, by=request.user)  # type: ignore[arg-type]
    job.refresh_from_db()
    if job.status == JobStatus.FAILED:
        messages.error(request, job.error)
    elif job.is_active:
        messages.info(
            request,
            _("The scores are being recomputed in the background; this page shows the progress.")
            if started
            else _("The scores are being recomputed already; this page shows the progress."),
        )
    else:
        changed = list(job.result.get("changed") or [])
        if changed:
            messages.success(
                request,
                ngettext(
                    "Scores recomputed: %(n)s city changed (%(cities)s).",
                    "Scores recomputed: %(n)s cities changed (%(cities)s).",
                    len(changed),
                )
                % {"n": len(changed), "cities": ", ".join(changed)},
            )
        else:
            messages.success(request, _("Scores recomputed: nothing changed."))
    return redirect("index:round_scores", pk=round_.pk)


@login_required
@require_GET
def response_scores(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm=SCORES_PERM)
    return render(
        request,
        "index/scores/response.html",
        {
            "page": score_selectors.response_scores_page(response),
            "response": response,
            "can_review": request.user.has_perm("index.review_response", response),
            "can_decide_publication": request.user.has_perm("index.decide_publication", response),
            "published": publication_selectors.is_response_published(response),
        },
    )


@login_required
@require_GET
def score_trace(request: HttpRequest, pk: int, area: str | None = None) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm=SCORES_PERM)
    try:
        page = score_selectors.score_trace_page(response, area)
    except KeyError:
        raise Http404("No such area.") from None
    return render(request, "index/scores/trace.html", {"page": page, "response": response})


@login_required
@require_POST
def response_publication(request: HttpRequest, pk: int) -> HttpResponse:
    """The city's coordinator (or the secretariat on its behalf) agrees to publish, or withdraws."""
    response = get_response_for_user(request.user, pk, perm="index.decide_publication")
    agreed = request.POST.get("agreed") == "yes"
    publication_services.response_publication_decide(response=response, agreed=agreed, by=request.user)  # type: ignore[arg-type]
    if agreed:
        messages.success(request, _("Recorded: the city agrees to publish these results."))
    else:
        messages.success(request, _("Recorded: these results will not be published."))
    return redirect("index:response_scores", pk=response.pk)


@login_required
def round_publication(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat publishes a round's results, or withdraws them with a reason. GET is the confirmation
    page: what publishing will make public, or what still blocks it."""
    round_ = get_round_for_user(request.user, pk)
    if request.method != "POST":
        return render(
            request,
            "index/scores/publish_confirm.html",
            {"round": round_, "publication": publication_selectors.round_publication(round_)},
        )
    try:
        if request.POST.get("action") == "withdraw":
            publication_services.round_results_withdraw(
                round=round_,
                by=request.user,  # type: ignore[arg-type]
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("The results of this round are no longer public."))
        else:
            publication_services.round_results_publish(round=round_, by=request.user)  # type: ignore[arg-type]
            messages.success(
                request, _("Results published: the cities that agreed are now on the public site.")
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("index:round_scores", pk=round_.pk)
