"""Evidence of impact, under /impact/ (the secretariat only): the data coverage and the latest analysis, the
outcome figures with their import (a dry run, then apply) and template, an analysis run with its progress,
results, scatter plots and exports, the publication of a study, and a study's history.
Access: `selectors.require_secretariat` (403 for signed-in people without the role)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from icc.accounts.rules import require_secretariat
from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.impact import selectors, services
from icc.impact.charts import scatter_svg
from icc.impact.forms import OutcomeUploadForm, PublishForm, RunForm
from icc.impact.models import AnalysisRun, ImpactStudy


def results_context(snapshot: dict[str, Any], *, chart_prefix: str) -> dict[str, Any]:
    """What a page shows of a run's or a study's snapshot: tables, scatter plots with their text."""
    results = snapshot.get("results") or {}
    if not results:
        return {"results": None}
    names = {
        entry.get("slug"): entry.get("city")
        for document in (snapshot.get("inputs") or {}).get("scores", [])
        for entry in document.get("cities", [])
    }
    charts = []
    for index, (kind, points) in enumerate(sorted((results.get("points") or {}).items())):
        if not points:
            continue
        label = selectors.outcome_label(kind)
        named = [{**point, "name": names.get(point["city"]) or point["city"]} for point in points]
        title = _("The Index and %(outcome)s, one point per city") % {"outcome": label}
        description = _(
            "Scatter plot of %(count)s cities: the Index aggregate (horizontal) against %(outcome)s "
            "(vertical), "
            "each city's latest round with both figures. The table below the chart lists the same points."
        ) % {"count": len(points), "outcome": label}
        charts.append(
            {
                "kind": kind,
                "label": label,
                "svg": scatter_svg(
                    f"{chart_prefix}-{index}",
                    named,
                    title=title,
                    description=description,
                    x_label=_("Index aggregate (out of 100)"),
                    y_label=label,
                ),
                "points": named,
            }
        )
    return {"results": results, "tables": selectors.results_tables(results), "charts": charts}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    runs = selectors.latest_runs()
    latest = next((run for run in runs if run.is_finished), None)
    studies = list(ImpactStudy.objects.select_related("run").order_by("-created", "-pk")[:20])
    return render(
        request,
        "impact/dashboard.html",
        {
            "coverage": selectors.outcome_coverage(),
            "runs": runs,
            "latest": latest,
            "studies": studies,
            "run_form": RunForm(),
            **(results_context(latest.snapshot, chart_prefix="latest") if latest else {"results": None}),
        },
    )


# ------------------------------------------------------------------------------------------- outcomes


@login_required
def outcomes(request: HttpRequest) -> HttpResponse:
    """The outcome figures and the upload of a file (its dry run comes next)."""
    require_secretariat(request.user)
    form = OutcomeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            staged = services.outcomes_stage(by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("impact:outcomes_review", token=staged.token)
    values = list(selectors.outcome_values()[:500])
    return render(
        request,
        "impact/outcomes.html",
        {"form": form, "values": values, "total": selectors.outcome_values().count()},
    )


@login_required
def outcomes_review(request: HttpRequest, token: str) -> HttpResponse:
    """The dry run of a staged file (GET), and its import (POST): all rows or none."""
    require_secretariat(request.user)
    staged = services.staged_outcomes_for_user(request.user, token)
    if request.method == "POST":
        try:
            preview = services.outcomes_import(staged=staged, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(count)s outcome figures imported (%(added)s new, %(replaced)s replaced).")
                % {"count": len(preview.rows), "added": preview.added, "replaced": preview.replaced},
            )
            return redirect("impact:outcomes")
    preview = services.outcomes_preview(staged)
    return render(request, "impact/outcomes_review.html", {"preview": preview})


@login_required
def outcomes_template(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    return csv_response("impact-outcomes-template.csv", services.COLUMNS, services.TEMPLATE_ROWS)


@login_required
def outcomes_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_secretariat(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format.")
    rows = [
        [v.city.slug, v.year, v.kind, v.value, v.unit, v.source, v.licence]
        for v in selectors.outcome_values()
    ]
    if fmt == "xlsx":
        return xlsx_response("impact-outcomes.xlsx", _("Outcomes"), services.COLUMNS, rows)
    return csv_response("impact-outcomes.csv", services.COLUMNS, rows)


# ------------------------------------------------------------------------------------------- analyses


@login_required
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose between 1 and 5,000 Monte Carlo runs and a seed of 0 or more."))
        return redirect("impact:dashboard")
    try:
        run, _job = services.analysis_run_start(
            by=request.user, runs=form.cleaned_data["runs"], seed=form.cleaned_data["seed"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("impact:dashboard")
    return redirect("impact:run_detail", pk=run.pk)


def _run_for_user(request: HttpRequest, pk: int) -> AnalysisRun:
    require_secretariat(request.user)
    return get_object_or_404(AnalysisRun.objects.select_related("job", "requested_by"), pk=pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_user(request, pk)
    job = run.job
    if request.headers.get("HX-Request") and job is not None:
        if job.is_active:
            return render(request, "core/_job.html", {"job": job, "title": _("Analysis in progress")})
        return HttpResponseClientRefresh()  # done: the whole page shows the result
    return render(
        request,
        "impact/run.html",
        {
            "run": run,
            "job": job,
            "job_title": _("Analysis in progress"),
            "publish_form": PublishForm(),
            **results_context(run.snapshot, chart_prefix=f"run-{run.pk}"),
        },
    )


@login_required
def run_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = _run_for_user(request, pk)
    if not run.is_finished:
        raise Http404("This analysis has no results yet.")
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404("No such format.")
    headers, rows = selectors.export_rows(run.snapshot["results"])
    name = f"impact-analysis-{run.pk}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", _("Results"), headers, rows)
    if fmt == "json":
        import json

        response = HttpResponse(
            json.dumps(run.snapshot["results"], ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    return csv_response(f"{name}.csv", headers, rows)


@login_required
def study_publish(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_user(request, pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            study = services.study_publish(run=run, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The study “%(title)s” is published.") % {"title": study.title})
            return redirect("impact:dashboard")
    return render(request, "impact/publish.html", {"run": run, "form": form})


@login_required
@require_POST
def study_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    study = get_object_or_404(ImpactStudy, pk=pk)
    services.study_withdraw(study=study, by=request.user)
    messages.success(request, _("The study “%(title)s” is no longer public.") % {"title": study.title})
    return redirect("impact:dashboard")


@login_required
def study_history(request: HttpRequest, pk: int) -> HttpResponse:
    require_secretariat(request.user)
    study = get_object_or_404(ImpactStudy, pk=pk)
    return render(
        request,
        "core/history.html",
        {"subject": study.title, "entries": history_entries(study), "back_url": reverse("impact:dashboard")},
    )


# ------------------------------------------------------------------------------------------- public


def public_study_list(request: HttpRequest) -> HttpResponse:
    """The published studies, the newest shown in full with its limits (/<lang>/impact/)."""
    studies = list(selectors.public_studies())
    latest = studies[0] if studies else None
    return render(
        request,
        "impact/public/study.html",
        {
            "studies": studies,
            "study": latest,
            **(results_context(latest.snapshot, chart_prefix="study") if latest else {"results": None}),
        },
    )


def public_study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(selectors.public_studies(), pk=pk)
    return render(
        request,
        "impact/public/study.html",
        {
            "studies": list(selectors.public_studies()),
            "study": study,
            **results_context(study.snapshot, chart_prefix="study"),
        },
    )
