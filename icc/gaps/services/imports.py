"""Import of a city's gap figures from a CSV or XLSX file of the gap format: a dry run that lists every bad
row, then all or nothing.

The file is read by the project's one spreadsheet reader (icc.core.spreadsheets.read_table) and
checked by the format's own rules (icc.gaps.format.validate_gap_rows, the rules `icc gaps compute` applies),
then by the platform's: every row's city is the importing city, the indicator is in the catalogue with the
catalogue's polarity, the period is a year or years, the group is an identifier. The file is kept in the
staging area (icc.core.staging) between its check and its import; each check is recorded (`GapImport`), so
that a file with errors stays on the city's "needs you" list until a later file replaces it.

What an import changes: for each indicator and period the file holds, the city's figures are replaced by
the file's (groups the file leaves out of that indicator and period lose their figure there); other
indicators and periods are kept. Groups the city has not named yet are created, named by their identifier.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from icc.core import staging
from icc.core.history import reason, record_change
from icc.core.search import fold
from icc.core.spreadsheets import RawTable, read_table
from icc.core.uploads import validate_upload
from icc.gaps.format import GapFormatError, GapRow, validate_gap_rows
from icc.gaps.models import GapImport, ImportStatus, Indicator, Observation
from icc.gaps.problems import platform_message, problem_message
from icc.gaps.services.compute import city_gaps_recompute
from icc.gaps.services.observations import GROUP_KEY_RE, groups_for_keys, period_problems
from icc.network.models import City

STAGING_AREA = "gaps"
IMPORT_EXTENSIONS = ("csv", "xlsx")
MAX_IMPORT_MB = 5


@dataclass(frozen=True)
class Problem:
    """One thing wrong, in the reader's language: `row` as a spreadsheet numbers it (None: the file)."""

    row: int | None
    column: str
    message: str
    code: str = ""  # icc.gaps.problems: "format.<the format's code>" or a platform code; "" for file errors
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "code": self.code,
            "params": self.params,
        }


@dataclass
class GapImportPreview:
    """The dry run of one file: what it would change, or every problem."""

    gap_import: GapImport
    rows: list[GapRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)
    # (indicator key, period) pairs of the file that already hold figures: they will be replaced.
    replaced: list[tuple[str, str]] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def bad_row_count(self) -> int:
        return len({problem.row for problem in self.problems if problem.row is not None})

    @property
    def file_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.row is None]


class GapImportRejected(ValidationError):
    """The file still has problems; nothing was written. `preview` says which."""

    def __init__(self, preview: GapImportPreview) -> None:
        if preview.bad_row_count:
            message = ngettext(
                "%(count)s row has a problem; nothing was imported. Fix it and upload the file again.",
                "%(count)s rows have problems; nothing was imported. Fix them and upload the file again.",
                preview.bad_row_count,
            ) % {"count": preview.bad_row_count}
        else:
            message = _("The file cannot be imported; nothing was written.")
        super().__init__(message)
        self.preview = preview


def _dense_rows(table: RawTable) -> tuple[list[list[str]], int]:
    """The table's rows with the blank ones put back (the reader leaves them out), so that the format's
    checks number rows as the file does; and the number of the first."""
    if not table.rows:
        return [], 2
    dense: list[list[str]] = []
    expected = 2
    for number, cells in table.rows:
        dense.extend([] for _ in range(number - expected))
        dense.append(cells)
        expected = number + 1
    return dense, 2


def _city_names(city: City) -> set[str]:
    names = {city.slug, city.name, getattr(city, "name_en", "") or "", getattr(city, "name_fr", "") or ""}
    return {fold(name) for name in names if name}


def _platform_problems(city: City, rows: list[GapRow]) -> list[Problem]:
    """What the format allows but the platform does not: another city, an indicator outside the catalogue
    or with another polarity, a period that is not years, a group that is not an identifier."""
    problems: list[Problem] = []
    names = _city_names(city)
    catalogue = {indicator.key: indicator for indicator in Indicator.objects.all()}

    def problem(row: GapRow, column: str, code: str, **params: Any) -> None:
        problems.append(Problem(row.line, column, platform_message(code, params), code, params))

    for row in rows:
        if fold(row.city) not in names:
            problem(row, "city", "other_city", other=row.city, city=city.name, slug=city.slug)
        indicator = catalogue.get(row.indicator)
        if indicator is None or not indicator.is_active:
            known = ", ".join(key for key, item in catalogue.items() if item.is_active)
            problem(row, "indicator", "unknown_indicator", indicator=row.indicator, known=known)
        elif row.polarity and row.polarity != indicator.polarity:
            problem(row, "polarity", "wrong_polarity", indicator=row.indicator, polarity=indicator.polarity)
        for code in period_problems(row.period):
            problem(row, "period", code)
        if not GROUP_KEY_RE.fullmatch(row.group):
            problem(row, "group", "group_key", group=row.group)
    return problems


def _check(city: City, content: bytes, extension: str, gap_import: GapImport) -> GapImportPreview:
    preview = GapImportPreview(gap_import=gap_import)
    try:
        table = read_table(content, extension)
    except ValidationError as exc:
        preview.problems = [Problem(None, "", message) for message in exc.messages]
        return preview
    dense, first_row = _dense_rows(table)
    # The city may be written by its name on some rows and its short name on others: one city for the
    # format's checks (which compare the column's text), so that "Lyon" and "lyon" share their reference.
    if "city" in table.header:
        column, names = table.header.index("city"), _city_names(city)
        for cells in dense:
            if len(cells) > column and fold(cells[column]) in names:
                cells[column] = city.slug
    try:
        rows = validate_gap_rows(table.header, dense, first_row=first_row)
    except GapFormatError as exc:
        preview.problems = [
            Problem(
                problem.row if problem.row and problem.row > 1 else None,
                problem.column or "",
                problem_message(problem),
                f"format.{problem.code}" if problem.code else "",
                dict(problem.params),
            )
            for problem in exc.problems
        ]
        return preview
    preview.problems = sorted(_platform_problems(city, rows), key=lambda problem: problem.row or 0)
    if preview.problems:
        return preview
    preview.rows = rows
    known_groups = set(city.gap_groups.values_list("key", flat=True))
    preview.new_groups = sorted({row.group for row in rows} - known_groups)
    present = set(Observation.objects.filter(city=city).values_list("indicator__key", "period").distinct())
    keys = sorted({(row.indicator, row.period) for row in rows})
    preview.replaced = [key for key in keys if key in present]
    preview.added = [key for key in keys if key not in present]
    return preview


def _replace_earlier(city: City, keep: GapImport, by: Any) -> None:
    """A newer file replaces the city's files still waiting (checked or with errors)."""
    for earlier in GapImport.objects.filter(
        city=city, status__in=[ImportStatus.CHECKED, ImportStatus.HAS_ERRORS]
    ).exclude(pk=keep.pk):
        if earlier.token:
            staging.discard(STAGING_AREA, earlier.token)
        earlier.status = ImportStatus.REPLACED
        record_change(earlier, by=by, reason=reason("gaps.import_replaced"))
        earlier.save()


def gap_import_check(*, city: City, by: Any, upload: UploadedFile) -> GapImportPreview:
    """The dry run: keep the file, check every row, record the check (nothing else is written). A file
    that cannot be taken at all (too large, not CSV/XLSX) raises a ValidationError on "file"."""
    try:
        filename = validate_upload(upload, allowed=IMPORT_EXTENSIONS, max_mb=MAX_IMPORT_MB)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    extension = Path(filename).suffix.lower().lstrip(".")
    upload.seek(0)
    content = upload.read()
    with transaction.atomic():
        gap_import = GapImport(city=city, uploaded_by=by, filename=filename, status=ImportStatus.HAS_ERRORS)
        preview = _check(city, content, extension, gap_import)
        if preview.ok:
            staged = staging.stage_file(
                STAGING_AREA,
                owner_id=by.pk,
                filename=filename,
                extension=extension,
                content=content,
                extra={"city": city.pk},
            )
            gap_import.token = staged.token
            gap_import.status = ImportStatus.CHECKED
        gap_import.rows = len(preview.rows)
        gap_import.problems = [problem.as_dict() for problem in preview.problems]
        gap_import.full_clean()
        record_change(gap_import, by=by, reason=reason("gaps.import_checked"))
        gap_import.save()
        _replace_earlier(city, gap_import, by)
    return preview


def gap_import_for_user(*, city: City, user: Any, pk: int) -> GapImport:
    """One of the city's imports (404 when it is not the city's)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(GapImport.objects.select_related("uploaded_by"), city=city, pk=pk)


def gap_import_preview(*, gap_import: GapImport, by: Any) -> GapImportPreview:
    """The dry run again, from the kept file (404 when it expired or another person uploaded it)."""
    staged = staging.staged_file(
        STAGING_AREA, gap_import.token, owner_id=getattr(by, "pk", None), extensions=IMPORT_EXTENSIONS
    )
    return _check(gap_import.city, staged.read_bytes(), staged.extension, gap_import)


def gap_import_apply(*, gap_import: GapImport, by: Any) -> GapImportPreview:
    """Import a checked file: every row or none. The file is checked again (the catalogue or the city's
    groups may have changed since the dry run); then, in one transaction, the figures of each indicator and
    period of the file replace the city's, missing groups are created, and the city's gaps recomputed."""
    if gap_import.status != ImportStatus.CHECKED:
        raise ValidationError(
            {"file": [_("This file was not checked or has already been imported. Upload it again.")]}
        )
    city = gap_import.city
    preview = gap_import_preview(gap_import=gap_import, by=by)
    if not preview.ok:
        raise GapImportRejected(preview)
    why = reason("gaps.imported", words=gap_import.filename)
    indicators = {indicator.key: indicator for indicator in Indicator.objects.all()}
    with transaction.atomic():
        locked = GapImport.objects.select_for_update().get(pk=gap_import.pk)
        if locked.status != ImportStatus.CHECKED:
            raise ValidationError({"file": [_("This file has already been imported or replaced.")]})
        groups = groups_for_keys(city=city, by=by, keys={row.group: "" for row in preview.rows}, why=why)
        keys = defaultdict(list)
        for row in preview.rows:
            keys[(row.indicator, row.period)].append(row)
        for (indicator_key, period), _rows in keys.items():
            for observation in Observation.objects.filter(
                city=city, indicator=indicators[indicator_key], period=period
            ):
                record_change(observation, by=by, reason=why)
                observation.delete()
        observations = [
            Observation(
                city=city,
                indicator=indicators[row.indicator],
                period=row.period,
                group=groups[row.group],
                role=row.role,
                numerator=row.numerator,
                denominator=row.denominator,
            )
            for row in preview.rows
        ]
        for observation in observations:
            observation.full_clean(validate_unique=False, validate_constraints=False)
        bulk_create_with_history(
            observations, Observation, batch_size=500, default_user=by, default_change_reason=why
        )
        city_gaps_recompute(city=city)
        locked.status = ImportStatus.APPLIED
        locked.applied_at = timezone.now()
        record_change(locked, by=by, reason=why)
        locked.save()
        token = locked.token
        transaction.on_commit(lambda: staging.discard(STAGING_AREA, token))
    gap_import.refresh_from_db()
    return preview
