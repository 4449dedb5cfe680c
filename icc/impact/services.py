"""Evidence of impact: the writes. The outcome import (a dry run, then all or nothing), the analysis run as a
task with its progress record, and the publication of a study."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.core import staging
from icc.core.history import reason, record_change
from icc.core.jobs import job_progress, job_start
from icc.core.models import Job
from icc.core.search import fold
from icc.core.spreadsheets import read_table
from icc.core.uploads import validate_upload
from icc.impact import analysis
from icc.impact.models import AnalysisRun, ImpactStudy, OutcomeKind, OutcomeValue
from icc.network.models import City

STAGING_AREA = "impact"
IMPORT_EXTENSIONS = ("csv", "xlsx")
MAX_IMPORT_MB = 5
COLUMNS = ("city", "year", "outcome", "value", "unit", "source", "licence")
REQUIRED = COLUMNS
JOB_KIND = "impact_analysis"
DEFAULT_RUNS = 200
MAX_LENGTHS = {"unit": 60, "source": 300, "licence": 120}  # as the model's fields
TEMPLATE_ROWS = [
    (
        "lyon",
        2022,
        "employment",
        64.1,
        "% of 15-64 year olds",
        "INSEE, local employment statistics",
        "Licence Ouverte 2.0",
    ),
    (
        "lyon",
        2022,
        "safety",
        58.3,
        "recorded crimes per 1,000 inhabitants",
        "Ministère de l'Intérieur",
        "Licence Ouverte 2.0",
    ),
]


# ------------------------------------------------------------------------------------------- the import


@dataclass(frozen=True)
class RowProblem:
    row: int | None  # as the spreadsheet numbers it; None: the file
    column: str
    message: str


@dataclass(frozen=True)
class OutcomeRow:
    row: int
    city: City
    year: int
    kind: str
    value: float
    unit: str
    source: str
    licence: str


@dataclass
class OutcomePreview:
    token: str = ""
    filename: str = ""
    rows: list[OutcomeRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    replaced: int = 0  # figures already recorded that the file replaces

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def added(self) -> int:
        return len(self.rows) - self.replaced


def outcomes_stage(*, by: Any, upload: UploadedFile) -> staging.StagedFile:
    """Keep an uploaded file for its dry run and apply. Refuses a file that is not CSV/XLSX on "file"."""
    try:
        filename = validate_upload(upload, allowed=IMPORT_EXTENSIONS, max_mb=MAX_IMPORT_MB)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    extension = filename.rsplit(".", 1)[-1].lower()
    return staging.stage_file(
        STAGING_AREA, owner_id=by.pk, filename=filename, extension=extension, content=upload.read()
    )


def staged_outcomes_for_user(user: Any, token: str) -> staging.StagedFile:
    return staging.staged_file_for_user(STAGING_AREA, user, token, extensions=IMPORT_EXTENSIONS)


def _city_lookup() -> dict[str, City | None]:
    """Cities by folded slug and names; a name two cities share maps to None (ambiguous)."""
    lookup: dict[str, City | None] = {}
    for city in City.objects.only("pk", "slug", "name", "name_en", "name_fr"):
        for text in {city.slug, city.name, getattr(city, "name_en", ""), getattr(city, "name_fr", "")}:
            if not text:
                continue
            key = fold(text)
            lookup[key] = city if key not in lookup or lookup[key] == city else None
    return lookup


def _kind_lookup() -> dict[str, str]:
    return {fold(str(value)): str(value) for value in OutcomeKind.values}


def outcomes_check(content: bytes, extension: str, *, token: str = "", filename: str = "") -> OutcomePreview:
    """The dry run: every row checked, every problem named by row and column with its fix; nothing written."""
    preview = OutcomePreview(token=token, filename=filename)
    try:
        table = read_table(content, extension)
    except ValidationError as exc:
        preview.problems = [RowProblem(None, "file", message) for message in exc.messages]
        return preview
    missing = [column for column in REQUIRED if column not in table.header]
    if missing:
        preview.problems = [
            RowProblem(
                1,
                column,
                _("The column “%(column)s” is missing. The first row must name: %(columns)s.")
                % {"column": column, "columns": ", ".join(COLUMNS)},
            )
            for column in missing
        ]
        return preview
    position = {column: table.header.index(column) for column in COLUMNS}
    cities = _city_lookup()
    kinds = _kind_lookup()
    seen: dict[tuple[int, int, str], int] = {}
    for number, cells in table.rows:

        def cell(column: str, cells: list[str] = cells) -> str:
            index = position[column]
            return cells[index].strip() if index < len(cells) else ""

        def problem(column: str, message: str, number: int = number) -> None:
            preview.problems.append(RowProblem(number, column, message))

        city = cities.get(fold(cell("city")))
        if not cell("city"):
            problem("city", _("The city is empty. Write the city's name or its short name (e.g. lyon)."))
        elif city is None:
            if fold(cell("city")) in cities:
                problem(
                    "city",
                    _("“%(city)s” names more than one city. Write the city's short name instead.")
                    % {"city": cell("city")},
                )
            else:
                problem(
                    "city",
                    _("“%(city)s” is not a city of the register. Check the spelling or use its short name.")
                    % {"city": cell("city")},
                )
        year: int | None = None
        try:
            year = int(cell("year"))
            if not 1990 <= year <= 2100:
                raise ValueError
        except ValueError:
            problem(
                "year",
                _("“%(year)s” is not a year. Write the year as four digits, e.g. 2022.")
                % {"year": cell("year")},
            )
            year = None
        kind = kinds.get(fold(cell("outcome")))
        if kind is None:
            problem(
                "outcome",
                _("“%(outcome)s” is not a known outcome. Use one of: %(known)s.")
                % {"outcome": cell("outcome"), "known": ", ".join(OutcomeKind.values)},
            )
        value: float | None = None
        text = cell("value").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        try:
            value = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problem(
                "value",
                _("“%(value)s” is not a number. Write a number, e.g. 12.5.") % {"value": cell("value")},
            )
            value = None
        for column, label in (("unit", _("unit")), ("source", _("source")), ("licence", _("licence"))):
            if not cell(column):
                problem(
                    column,
                    _("The %(column)s is empty. Every figure needs its %(column)s.") % {"column": label},
                )
            elif len(cell(column)) > MAX_LENGTHS[column]:
                problem(column, _("The %(column)s is too long; shorten it.") % {"column": label})
        if city is not None and year is not None and kind is not None:
            key = (city.pk, year, kind)
            if key in seen:
                problem(
                    "outcome",
                    _(
                        "Row %(other)s already gives %(outcome)s of %(city)s in %(year)s. "
                        "Keep one of the two rows."
                    )
                    % {"other": seen[key], "outcome": kind, "city": city.name, "year": year},
                )
            else:
                seen[key] = number
        if (
            not any(p.row == number for p in preview.problems)
            and city
            and year
            and kind
            and value is not None
        ):
            preview.rows.append(
                OutcomeRow(number, city, year, kind, value, cell("unit"), cell("source"), cell("licence"))
            )
    if not table.rows:
        preview.problems.append(
            RowProblem(None, "file", _("The file has no rows of figures under its header."))
        )
    if preview.problems:
        preview.rows = []
        return preview
    existing = set(OutcomeValue.objects.values_list("city_id", "year", "kind"))
    preview.replaced = sum(1 for row in preview.rows if (row.city.pk, row.year, row.kind) in existing)
    return preview


def outcomes_preview(staged: staging.StagedFile) -> OutcomePreview:
    return outcomes_check(staged.read_bytes(), staged.extension, token=staged.token, filename=staged.filename)


def outcomes_import(*, staged: staging.StagedFile, by: Any) -> OutcomePreview:
    """Apply a checked file: every row written (a figure already recorded for the city, year and outcome is
    replaced), or none when a row has a problem (ValidationError on "file")."""
    preview = outcomes_preview(staged)
    if not preview.ok:
        raise ValidationError(
            {"file": _("The file has problems; nothing was imported. Run the check again.")}
        )
    with transaction.atomic():
        existing = {
            (value.city_id, value.year, value.kind): value
            for value in OutcomeValue.objects.select_for_update().filter(
                city_id__in={row.city.pk for row in preview.rows}
            )
        }
        for row in preview.rows:
            value = existing.get((row.city.pk, row.year, row.kind)) or OutcomeValue(
                city=row.city, year=row.year, kind=row.kind
            )
            value.value, value.unit, value.source, value.licence = (
                row.value,
                row.unit,
                row.source,
                row.licence,
            )
            value.full_clean()
            record_change(value, by=by, reason=reason("impact.imported", words=preview.filename))
            value.save()
    staging.discard(STAGING_AREA, staged.token)
    return preview


# ------------------------------------------------------------------------------------------ the analysis


def analysis_inputs() -> dict[str, Any]:
    """The data an analysis uses, as plain JSON: the published Index results (the entries of the open-data
    scores files, keyed by the city's short name), the controls read from their peer groups as the CLI
    reads them, and every outcome figure."""
    from icc.index.selectors.publication import published_responses

    documents: dict[int, dict[str, Any]] = {}
    for response in published_responses():
        round_ = response.round
        document = documents.setdefault(
            round_.pk,
            {
                "round": {
                    "id": round_.pk,
                    "name": getattr(round_, "name_en", "") or round_.name,
                    "results_published_at": round_.results_published_at.isoformat()
                    if round_.results_published_at
                    else None,
                },
                "cities": [],
            },
        )
        entry = dict(response.score.scores)
        document["cities"].append({**entry, "slug": response.city.slug, "city": response.city.name})
    outcomes = [
        {"city": city, "year": year, "kind": kind, "value": value}
        for city, year, kind, value in OutcomeValue.objects.order_by(
            "city__slug", "year", "kind"
        ).values_list("city__slug", "year", "kind", "value")
    ]
    return {"scores": list(documents.values()), "outcomes": outcomes}


def analyse_inputs(inputs: dict[str, Any], *, runs: int, seed: int, progress: Any = None) -> dict[str, Any]:
    """Run the pure analyses on `analysis_inputs()`-shaped data (the CLI builds the same shape from files)."""
    points: list[analysis.IndexPoint] = []
    facts: dict[str, analysis.CityFacts] = {}
    for document in inputs["scores"]:
        more_points, more_facts = analysis.points_from_scores_document(document)
        points.extend(more_points)
        facts.update(more_facts)  # the latest round's bands win: documents come newest first
    outcomes = [
        analysis.Outcome(o["city"], int(o["year"]), o["kind"], float(o["value"])) for o in inputs["outcomes"]
    ]
    return analysis.analyse(points, outcomes, facts, runs=runs, seed=seed, progress=progress)


def analysis_run_start(*, by: Any, runs: int = DEFAULT_RUNS, seed: int = 0) -> tuple[AnalysisRun, Job]:
    """Record a run and queue its task (inline without a worker). A run already going is returned instead."""
    from icc.impact.tasks import run_impact_analysis

    active = (
        AnalysisRun.objects.select_related("job")
        .filter(job__status__in=["queued", "running"], finished_at__isnull=True)
        .first()
    )
    if active is not None and active.job is not None:
        return active, active.job
    if runs < 1 or runs > 5000:
        raise ValidationError({"runs": _("Choose between 1 and 5,000 Monte Carlo runs.")})
    with transaction.atomic():
        run = AnalysisRun(requested_by=by, seed=seed, runs=runs)
        run.full_clean()
        record_change(run, by=by, reason=reason("impact.run_started"))
        run.save()
        job, _created = job_start(
            kind=JOB_KIND, key=f"{JOB_KIND}:{run.pk}", by=by, task=run_impact_analysis, total=runs
        )
        run.job = job
        run.save(update_fields=["job"])
    job.refresh_from_db()
    run.refresh_from_db()
    return run, job


def analysis_run_work(job: Job) -> dict[str, Any]:
    """The task's work: read the data, analyse, keep both in the run's snapshot (one write at the end)."""
    run = AnalysisRun.objects.get(job=job)
    inputs = analysis_inputs()
    if not inputs["outcomes"]:
        raise ValidationError(_("There are no outcome figures yet. Import a file of outcomes first."))
    if not inputs["scores"]:
        raise ValidationError(
            _("No Index results are published yet: the analysis reads published results only.")
        )

    def progress(done: int, total: int) -> None:
        job_progress(job.pk, done=done, total=total, step=_("Monte Carlo variants"))

    results = analyse_inputs(inputs, runs=run.runs, seed=run.seed, progress=progress)
    with transaction.atomic():
        run.snapshot = {"inputs": inputs, "results": results}
        run.finished_at = timezone.now()
        record_change(run, by=job.requested_by, reason=reason("impact.run_finished"))
        run.save()
    job_progress(job.pk, done=run.runs)
    return {"run": run.pk}


# --------------------------------------------------------------------------------------------- studies


def study_publish(
    *,
    run: AnalysisRun,
    by: Any,
    title_en: str,
    title_fr: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    published_on: datetime.date | None = None,
) -> ImpactStudy:
    """Publish a finished run as a study: its snapshot is copied, so later imports do not change it."""
    if not run.is_finished:
        raise ValidationError(
            {"run": _("This analysis has not finished; publish it once its results are shown.")}
        )
    study = ImpactStudy(
        run=run,
        title_en=title_en.strip(),
        title_fr=title_fr.strip() or None,
        summary_en=summary_en.strip(),
        summary_fr=summary_fr.strip(),
        snapshot=run.snapshot,
        published_on=published_on or timezone.localdate(),
        published_by=by,
    )
    study.title = study.title_en
    if not study.title_en:
        raise ValidationError({"title_en": _("Give the study a title in English.")})
    with transaction.atomic():
        study.full_clean()
        record_change(study, by=by, reason=reason("impact.published"))
        study.save()
    return study


def study_withdraw(*, study: ImpactStudy, by: Any) -> ImpactStudy:
    """Take a study off the public site (it stays recorded, with its history)."""
    with transaction.atomic():
        study.published_on = None
        record_change(study, by=by, reason=reason("impact.withdrawn"))
        study.save()
    return study
