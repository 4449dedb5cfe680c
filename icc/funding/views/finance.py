"""Funding, under /funding/: the years and each year's overview (income by source, spending by activity,
balance, SVG charts, CSV/XLSX export, fee income against the cost of services per city), the budget lines,
EU projects, donors, applications (with their workflow and history) and other costs.
Access: the secretariat alone (icc.funding.selectors.require_secretariat); 403 for anyone else signed in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.funding import selectors, services
from icc.funding.charts import year_charts
from icc.funding.forms import (
    ApplicationForm,
    BudgetLineForm,
    CostImportForm,
    DonorForm,
    OtherCostForm,
    ProjectForm,
    StatusForm,
    values_of,
)
from icc.funding.imports import other_costs_import
from icc.funding.models import (
    APPLICATION_WORKFLOW,
    GRANTED_STATES,
    ApplicationStatus,
    BudgetLine,
    CostReceipt,
    Donor,
    FundingProject,
    OtherCost,
)


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    years = selectors.funding_years()
    return render(
        request,
        "funding/years.html",
        {
            "summaries": selectors.year_summaries(years),
            "deadlines": selectors.deadlines_due(timezone.localdate()),
        },
    )


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    selectors.get_year(year)
    overview = selectors.year_overview(year)
    return render(
        request,
        "funding/year.html",
        {
            "o": overview,
            "charts": year_charts(overview),
            "cities": selectors.city_fee_balances(year),
            "previous": year - 1,
            "next": year + 1,
        },
    )


def _export_rows(overview: selectors.YearOverview) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for part, chosen in ((_("Income"), overview.income), (_("Spending"), overview.spending)):
        for row in chosen:
            rows.append([overview.year, part, row.label, row.planned, row.actual])
    rows.append([overview.year, _("Balance"), "", overview.balance_planned, overview.balance_actual])
    return rows


@login_required
def year_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    selectors.require_secretariat(request.user)
    selectors.get_year(year)
    overview = selectors.year_overview(year)
    headers = [_("Year"), _("Part"), _("Line"), _("Planned (EUR)"), _("Actual (EUR)")]
    rows = _export_rows(overview)
    filename = f"icc-funding-{year}.{fmt}"
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format.")
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    cities = [
        [c.city, c.fee_invoiced, c.fee_paid, c.expert_cost, c.events_cost, c.balance]
        for c in selectors.city_fee_balances(year)
    ]
    applications = [
        [a.donor.name, a.title, a.get_status_display(), a.amount_asked, a.amount_granted]
        for a in overview.applications
    ]
    return xlsx_response(
        filename,
        str(year),
        headers,
        rows,
        more_sheets=[
            (
                _("Fees and services"),
                [
                    _("City"),
                    _("Fee invoiced (EUR)"),
                    _("Fee paid (EUR)"),
                    _("Expert work (EUR)"),
                    _("Events' travel funding (EUR)"),
                    _("Balance (EUR)"),
                ],
                cities,
            ),
            (
                _("Applications"),
                [_("Donor"), _("Title"), _("Status"), _("Asked (EUR)"), _("Granted (EUR)")],
                applications,
            ),
        ],
    )


# -------------------------------------------------------------------------------- a generic form page


def _form_page(
    request: HttpRequest,
    *,
    form: Any,
    save: Any,
    title: str,
    back: str,
    done: Any,
    files: tuple[str, ...] = (),
) -> HttpResponse:
    """A page with one form: on a valid POST, `save(values, files)` writes through a service; its
    ValidationError is shown on the fields it names."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(values_of(form, *files), {name: form.cleaned_data.get(name) for name in files})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(done(obj) if callable(done) else done)
    return render(request, "funding/form.html", {"form": form, "title": title, "back": back})


@login_required
def line_create(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    year = request.GET.get("year", "")
    form = BudgetLineForm(request.POST or None, initial={"year": year} if year.isdigit() else None)
    year_value = int(year) if year.isdigit() else timezone.localdate().year
    return _form_page(
        request,
        form=form,
        save=lambda values, _f: services.budget_line_save(values=values, by=request.user),
        title=_("New budget line"),
        back=reverse("funding:year_detail", args=[year_value]),
        done=lambda line: reverse("funding:year_detail", args=[line.year]),
    )


@login_required
def line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    line = get_object_or_404(BudgetLine, pk=pk)
    back = reverse("funding:year_detail", args=[line.year])
    form = BudgetLineForm(request.POST or None, instance=line)
    return _form_page(
        request,
        form=form,
        save=lambda values, _f: services.budget_line_save(line=line, values=values, by=request.user),
        title=_("Change the budget line"),
        back=back,
        done=back,
    )


@login_required
@require_POST
def line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    line = get_object_or_404(BudgetLine, pk=pk)
    year = line.year
    services.budget_line_delete(line=line, by=request.user)
    messages.success(request, _("The budget line was deleted."))
    return redirect("funding:year_detail", year=year)


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return render(request, "funding/projects.html", {"projects": list(selectors.projects())})


@login_required
def project_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    selectors.require_secretariat(request.user)
    project = get_object_or_404(FundingProject, pk=pk) if pk else None
    back = reverse("funding:project_list")
    return _form_page(
        request,
        form=ProjectForm(request.POST or None, instance=project),
        save=lambda values, _f: services.project_save(project=project, values=values, by=request.user),
        title=_("Change the EU joint project") if project else _("New EU joint project"),
        back=back,
        done=back,
    )


@login_required
def donor_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    donors = selectors.donors().annotate(
        granted=models.Sum(
            "applications__amount_granted", filter=models.Q(applications__status__in=GRANTED_STATES)
        ),
        count=models.Count("applications"),
    )
    return render(request, "funding/donors.html", {"donors": list(donors)})


@login_required
def donor_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    selectors.require_secretariat(request.user)
    donor = get_object_or_404(Donor, pk=pk) if pk else None
    back = reverse("funding:donor_list")
    return _form_page(
        request,
        form=DonorForm(request.POST or None, instance=donor),
        save=lambda values, _f: services.donor_save(donor=donor, values=values, by=request.user),
        title=_("Change the donor") if donor else _("New donor"),
        back=back,
        done=back,
    )


# ---------------------------------------------------------------------------------------- applications


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    status = request.GET.get("status", "")
    if status not in APPLICATION_WORKFLOW.labels:
        status = ""
    return render(
        request,
        "funding/applications.html",
        {
            "applications": list(selectors.applications(status)),
            "status": status,
            "statuses": list(ApplicationStatus.choices),
        },
    )


@login_required
def application_create(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    form = ApplicationForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(values=values_of(form), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("The application “%(title)s” was recorded.") % {"title": application.title}
            )
            return redirect("funding:application_detail", pk=application.pk)
    back = reverse("funding:application_list")
    return render(request, "funding/form.html", {"form": form, "title": _("New application"), "back": back})


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    return render(
        request,
        "funding/application.html",
        {
            "application": application,
            "status_choices": selectors.status_choices(application),
            "status_form": StatusForm(),
        },
    )


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    back = reverse("funding:application_detail", args=[pk])
    return _form_page(
        request,
        form=ApplicationForm(request.POST or None, instance=application),
        save=lambda values, _f: services.application_update(
            application=application, values=values, by=request.user
        ),
        title=_("Change the application"),
        back=back,
        done=back,
    )


@login_required
@require_POST
def application_status(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.application_set_status(
                application=application,
                status=form.cleaned_data["status"],
                amount_granted=form.cleaned_data.get("amount_granted"),
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The application is now %(status)s.") % {"status": application.get_status_display()},
            )
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect("funding:application_detail", pk=pk)


@login_required
def application_history(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": application.title,
            "entries": history_entries(application),
            "back_url": reverse("funding:application_detail", args=[pk]),
        },
    )


# ------------------------------------------------------------------------------------------ other costs


@login_required
def cost_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    selectors.require_secretariat(request.user)
    cost = get_object_or_404(OtherCost, pk=pk) if pk else None
    form = OtherCostForm(request.POST or None, request.FILES or None, instance=cost)
    year = cost.date.year if cost else timezone.localdate().year
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.other_cost_save(
                cost=cost,
                values=values_of(form, "receipt"),
                receipt=form.cleaned_data.get("receipt"),
                by=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("funding:year_detail", year=saved.date.year)
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": _("Change the cost") if cost else _("New cost"),
            "back": reverse("funding:year_detail", args=[year]),
            "multipart": True,
        },
    )


@login_required
@require_POST
def cost_delete(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    cost = get_object_or_404(OtherCost, pk=pk)
    year = cost.date.year
    services.other_cost_delete(cost=cost, by=request.user)
    messages.success(request, _("The cost was deleted."))
    return redirect("funding:year_detail", year=year)


@login_required
def cost_receipt(request: HttpRequest, pk: int) -> FileResponse:
    selectors.require_secretariat(request.user)
    receipt = get_object_or_404(CostReceipt, cost_id=pk)
    return attachment_response(receipt.file, receipt.name)


@login_required
def cost_import(request: HttpRequest) -> HttpResponse:
    """Other costs from a CSV or XLSX file: a dry run lists every bad row; the import writes all or none."""
    selectors.require_secretariat(request.user)
    form = CostImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in ("csv", "xlsx"):
            form.add_error("file", _("Choose a .csv or .xlsx file."))
        else:
            result = other_costs_import(
                content=upload.read(),
                extension=extension,
                filename=name,
                by=request.user,
                apply=not form.cleaned_data["dry_run"],
            )
            if result.written:
                messages.success(request, _("%(n)s costs were imported.") % {"n": len(result.costs)})
                return redirect("funding:year_list")
    return render(request, "funding/cost_import.html", {"form": form, "result": result})
