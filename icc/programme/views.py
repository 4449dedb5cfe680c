"""The programme's pages under /programme/ (secretariat; a risk's owner for their risk): the dashboard of the
strategy's objectives and targets, a target's drill-down, the risk register and a risk's review, the annual
report, the exports; and the public summary under /<lang>/programme/. Access: icc.programme.selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.programme import selectors, services
from icc.programme.forms import ActionForm, ActionStatusForm, AnnualReportForm, RiskForm
from icc.programme.models import AnnualReport, MitigationAction, StrategyPeriod
from icc.programme.progress import AT_RISK, MET, MISSED, ON_TRACK


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    period = selectors.get_period_or_none(request.GET.get("period"))
    blocks = selectors.dashboard(period) if period else []
    return render(
        request,
        "programme/dashboard.html",
        {
            "period": period,
            "periods": StrategyPeriod.objects.order_by("-starts_on"),
            "blocks": blocks,
            "counts": selectors.status_counts(blocks),
            "today": timezone.localdate(),
        },
    )


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The drill-down: the records behind the number, each with its link."""
    target = selectors.get_target_for_secretariat(request.user, pk)
    row = selectors.target_row(target)
    return render(request, "programme/target.html", {"target": target, "row": row})


@login_required
def target_history(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_target_for_secretariat(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": target.label,
            "entries": selectors.target_history(target),
            "back_url": reverse("programme:target_detail", args=[target.pk]),
        },
    )


@login_required
@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    changed = services.targets_recompute(by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("Statuses computed: %(n)s changed.") % {"n": len(changed)},
    )
    return redirect("programme:dashboard")


# ------------------------------------------------------------------------------------------------ risks


@login_required
def risk_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    period = selectors.get_period_or_none(request.GET.get("period"))
    register = selectors.risk_register(period) if period else []
    return render(
        request,
        "programme/risks.html",
        {"period": period, "register": register, "today": timezone.localdate()},
    )


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A risk and its review: the secretariat and the risk's owner change it (only the secretariat gives it to
    another owner)."""
    risk, access = selectors.get_risk_for_user(request.user, pk)
    form = RiskForm(request.POST or None, risk=risk, may_change_owner=access.secretariat)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(by=request.user, risk=risk, data=form.data_for_service())  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The risk was saved."))
            return redirect("programme:risk_detail", pk=risk.pk)
    row = selectors.RiskRow(risk, selectors.indicator_rows(list(risk.indicators.all())))
    return render(
        request,
        "programme/risk.html",
        {
            "risk": risk,
            "row": row,
            "access": access,
            "form": form,
            "action_form": ActionForm(),
            "action_statuses": ActionStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def risk_history(request: HttpRequest, pk: int) -> HttpResponse:
    risk, _access = selectors.get_risk_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": str(risk),
            "entries": selectors.risk_history(risk),
            "back_url": reverse("programme:risk_detail", args=[risk.pk]),
        },
    )


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    risk, _access = selectors.get_risk_for_user(request.user, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_add(by=request.user, risk=risk, description=form.cleaned_data["description"])  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, _("Mitigation action: %(error)s") % {"error": message})
    else:
        messages.success(request, _("The mitigation action was added."))
    return redirect("programme:risk_detail", pk=risk.pk)


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action: MitigationAction = get_object_or_404(MitigationAction.objects.select_related("risk"), pk=pk)
    risk, _access = selectors.get_risk_for_user(request.user, action.risk_id)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status: choose one of the statuses."))
    else:
        services.action_set_status(by=request.user, action=action, status=form.cleaned_data["status"])  # type: ignore[arg-type]
        messages.success(request, _("The mitigation action was saved."))
    return redirect("programme:risk_detail", pk=risk.pk)


# --------------------------------------------------------------------------------------- annual reports


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    period = selectors.get_period(request.GET.get("period"))
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_request(
                by=request.user,  # type: ignore[arg-type]
                period=period,
                year=form.cleaned_data["year"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The annual report is being made; this page shows it when ready."))
            return redirect(reverse("programme:report_list") + f"?period={period.key}")
    reports = list(
        AnnualReport.objects.filter(period=period).select_related("job", "requested_by").defer("pdf")[:50]
    )
    return render(
        request,
        "programme/reports.html",
        {"period": period, "form": form, "reports": reports},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    report = get_object_or_404(AnnualReport, pk=pk)
    if not report.pdf:
        raise Http404
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    name = f"icc-programme-{report.year}-{report.language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ------------------------------------------------------------------------------------------------ exports


def _target_table(rows: list[selectors.TargetRow]) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Objective"),
        _("Target"),
        _("Source"),
        _("Target value"),
        _("Unit"),
        _("Baseline date"),
        _("Deadline"),
        _("Current value"),
        _("Forecast at the deadline"),
        _("Status"),
    ]
    table = []
    for row in rows:
        t = row.target
        table.append(
            [
                str(t.objective),
                t.label,
                t.source_key,
                float(t.value),
                t.unit,
                t.baseline_on,
                t.deadline,
                row.progress.current if row.progress else None,
                row.progress.forecast if row.progress else None,
                row.status_label,
            ]
        )
    return headers, table


def _fmt(fmt: str) -> str:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return fmt


@login_required
def export_targets(request: HttpRequest, fmt: str) -> HttpResponse:
    selectors.require_secretariat(request.user)
    period = selectors.get_period(request.GET.get("period"))
    blocks = selectors.dashboard(period, with_gender=False)
    headers, table = _target_table([row for block in blocks for row in block.targets])
    name = f"icc-programme-targets-{period.key}.{_fmt(fmt)}"
    if fmt == "csv":
        return csv_response(name, headers, table)
    return xlsx_response(name, _("Targets"), headers, table)


@login_required
def export_risks(request: HttpRequest, fmt: str) -> HttpResponse:
    selectors.require_secretariat(request.user)
    period = selectors.get_period(request.GET.get("period"))
    headers = [
        _("Objective"),
        _("Risk"),
        _("Likelihood"),
        _("Impact"),
        _("Score"),
        _("Owner"),
        _("Review date"),
        _("Status"),
        _("Mitigation actions"),
        _("Warnings"),
    ]
    table = []
    for objective, rows in selectors.risk_register(period):
        for row in rows:
            r = row.risk
            table.append(
                [
                    str(objective),
                    r.description,
                    r.likelihood,
                    r.impact,
                    r.score,
                    str(r.owner) if r.owner else "",
                    r.review_on,
                    r.get_status_display(),
                    "; ".join(f"{a.description} ({a.get_status_display()})" for a in r.actions.all()),
                    "; ".join(i.label for i in row.indicators if i.warning),
                ]
            )
    name = f"icc-programme-risks-{period.key}.{_fmt(fmt)}"
    if fmt == "csv":
        return csv_response(name, headers, table)
    return xlsx_response(name, _("Risks"), headers, table)


# ------------------------------------------------------------------------------------------------ public


def public_summary(request: HttpRequest) -> HttpResponse:
    """Published targets and their statuses only: no risks, no names of people."""
    period = selectors.current_period()
    blocks = selectors.dashboard(period, public=True, with_gender=False) if period else []
    return render(
        request,
        "programme/public_summary.html",
        {
            "period": period,
            "blocks": blocks,
            "statuses": {"met": MET, "on_track": ON_TRACK, "at_risk": AT_RISK, "missed": MISSED},
        },
    )
