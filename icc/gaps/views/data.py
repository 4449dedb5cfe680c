"""A city's gap data in the back office: its figures and groups, entry by hand, import from a file (a dry
run listing every bad row, then all or nothing), and the city's figures in the gap format.

Every view goes through get_city_gaps_for_user (the city's coordinator and contributors, the secretariat)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.exports import csv_response
from icc.core.forms import apply_validation_error
from icc.gaps.format import COLUMNS
from icc.gaps.forms import EntryForm, GapImportForm, GroupForm
from icc.gaps.models import GapImport, ImportStatus, Indicator, Observation, Role
from icc.gaps.problems import stored_problem_message
from icc.gaps.selectors.access import get_city_gaps_for_user
from icc.gaps.selectors.data import city_data_overview, city_figure_history
from icc.gaps.services import imports as import_services
from icc.gaps.services.compute import city_gap_rows
from icc.gaps.services.observations import GroupFigures, group_create, observation_delete, observations_enter
from icc.network.models import City

EDIT = "gaps.change_city_gaps"


@login_required
def data(request: HttpRequest, slug: str) -> HttpResponse:
    """The city's figures, indicator by indicator and period by period, with its groups and its files."""
    city = get_city_gaps_for_user(request.user, slug)
    return render(
        request,
        "gaps/entry_list.html",
        {
            "city": city,
            "overview": city_data_overview(city),
            "may_edit": request.user.has_perm(EDIT, city),
            "group_form": GroupForm(),
        },
    )


@login_required
def data_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who entered, imported or deleted which of the city's figures, newest first."""
    city = get_city_gaps_for_user(request.user, slug)
    return render(request, "gaps/entry_history.html", {"city": city, "changes": city_figure_history(city)})


@login_required
def data_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The city's figures in the gap format (../shared/docs/gap-format.md): `icc gaps compute` reads it and
    gives exactly the gaps the platform stores."""
    city = get_city_gaps_for_user(request.user, slug)
    rows = [[getattr(row, column) for column in COLUMNS] for row in city_gap_rows(city)]
    return csv_response(f"gap-data-{city.slug}.csv", COLUMNS, rows)


@login_required
def group_add(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_gaps_for_user(request.user, slug, perm=EDIT)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(
                city=city,
                by=request.user,
                key=form.cleaned_data["key"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The group “%(name)s” was added.") % {"name": group.name})
            return redirect("gaps:data", slug=city.slug)
    return render(request, "gaps/entry_group.html", {"city": city, "form": form})


def _initial(city: City, request: HttpRequest) -> dict[str, object]:
    """The form filled with what the city has for ?indicator=&period=&focal= (the "change" links)."""
    key, period, focal_key = (request.GET.get(name, "") for name in ("indicator", "period", "focal"))
    indicator = Indicator.objects.filter(key=key).first() if key else None
    if indicator is None:
        return {}
    initial: dict[str, object] = {"indicator": indicator, "period": period}
    observations = Observation.objects.filter(city=city, indicator=indicator, period=period).select_related(
        "group"
    )
    for observation in observations:
        if observation.role == Role.REFERENCE:
            prefix = "reference"
        elif observation.group.key == focal_key:
            prefix = "focal"
        else:
            continue
        initial[f"{prefix}_group"] = observation.group
        initial[f"{prefix}_numerator"] = observation.numerator
        initial[f"{prefix}_denominator"] = observation.denominator
        initial[f"{prefix}_missing"] = observation.missing_reason
        initial["source_note"] = observation.source_note
    return initial


@login_required
def entry(request: HttpRequest, slug: str) -> HttpResponse:
    """Both groups' figures for one indicator and period, by hand."""
    city = get_city_gaps_for_user(request.user, slug, perm=EDIT)
    form = EntryForm(request.POST or None, city=city, initial=_initial(city, request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def figures(prefix: str) -> GroupFigures:
            return GroupFigures(
                group=data[f"{prefix}_group"],
                numerator=data[f"{prefix}_numerator"],
                denominator=data[f"{prefix}_denominator"],
                missing_reason=data[f"{prefix}_missing"] or "",
            )

        try:
            observations_enter(
                city=city,
                by=request.user,
                indicator=data["indicator"],
                period=data["period"],
                reference=figures("reference"),
                focal=figures("focal"),
                source_note=data["source_note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("The figures of %(indicator)s, %(period)s were saved and the gaps recomputed.")
                % {"indicator": data["indicator"], "period": data["period"]},
            )
            return redirect("gaps:data", slug=city.slug)
    has_groups = city.gap_groups.count() >= 2
    return render(request, "gaps/entry.html", {"city": city, "form": form, "has_groups": has_groups})


@login_required
def observation_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete one group's figure, after a confirmation."""
    city = get_city_gaps_for_user(request.user, slug, perm=EDIT)
    observation = get_object_or_404(
        Observation.objects.select_related("indicator", "group"), city=city, pk=pk
    )
    if request.method == "POST":
        observation_delete(observation=observation, by=request.user)
        messages.success(request, _("The figure was deleted and the gaps recomputed."))
        return redirect("gaps:data", slug=city.slug)
    return render(request, "gaps/entry_delete.html", {"city": city, "observation": observation})


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_gaps_for_user(request.user, slug, perm=EDIT)
    form = GapImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            preview = import_services.gap_import_check(
                city=city, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("gaps:import_review", slug=city.slug, pk=preview.gap_import.pk)
    return render(
        request,
        "gaps/import_upload.html",
        {
            "city": city,
            "form": form,
            "columns": COLUMNS,
            "max_mb": import_services.MAX_IMPORT_MB,
            "indicators": Indicator.objects.filter(is_active=True),
        },
    )


@login_required
def import_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The dry run's result: every problem with its row, column and fix, or what the import would change
    and the button that imports it (for the person who uploaded the file)."""
    city = get_city_gaps_for_user(request.user, slug, perm=EDIT)
    gap_import = get_object_or_404(GapImport.objects.select_related("uploaded_by"), city=city, pk=pk)
    preview = None
    uploader = gap_import.uploaded_by_id == request.user.pk
    expired = False
    if gap_import.status == ImportStatus.CHECKED and uploader:
        try:
            preview = import_services.gap_import_preview(gap_import=gap_import, by=request.user)
        except Http404:  # the staged file is kept for a day
            expired = True
    if request.method == "POST":
        if expired:
            messages.error(
                request,
                _("This file was checked more than a day ago and is no longer kept. Upload it again."),
            )
            return redirect("gaps:import_upload", slug=city.slug)
        if not uploader or gap_import.status != ImportStatus.CHECKED:
            messages.error(request, _("Only the person who uploaded a checked file may import it."))
            return redirect("gaps:import_review", slug=city.slug, pk=gap_import.pk)
        try:
            applied = import_services.gap_import_apply(gap_import=gap_import, by=request.user)
        except import_services.GapImportRejected as exc:
            preview = exc.preview
            messages.error(request, exc.messages[0])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("gaps:import_review", slug=city.slug, pk=gap_import.pk)
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s was imported: %(count)s row.",
                    "%(name)s was imported: %(count)s rows.",
                    len(applied.rows),
                )
                % {"name": gap_import.filename, "count": len(applied.rows)},
            )
            return redirect("gaps:data", slug=city.slug)
    # Stored with their codes: shown in the reader's language, whoever uploaded the file.
    problems = [{**problem, "message": stored_problem_message(problem)} for problem in gap_import.problems]
    return render(
        request,
        "gaps/import_review.html",
        {
            "city": city,
            "gap_import": gap_import,
            "problems": problems,
            "preview": preview,
            "uploader": uploader,
            "expired": expired,
        },
    )
