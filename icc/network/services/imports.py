"""Import of cities from a CSV or XLSX file: a dry run that lists every bad row, then all or nothing.

The flow: `import_stage` checks the upload and keeps it in the default storage under staging/imports (no web
address; icc.core.staging) behind a random token; `import_preview` reads it and validates every row with the
same rules as the city form (`city_validate`); `cities_import` validates again inside one transaction and
writes every city or none. A staged file belongs to the user who uploaded it and is forgotten after a day.

The file is read by the project's one spreadsheet reader (icc.core.spreadsheets: UTF-8 CSV or XLSX).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.core import staging
from icc.core.countries import lookup_country
from icc.core.history import reason as history_reason
from icc.core.jobs import job_progress, job_start
from icc.core.models import Job
from icc.core.public_version import public_content_changed
from icc.core.spreadsheets import RawTable, read_table
from icc.core.uploads import validate_upload
from icc.network.models import City, CityStatus, NationalNetwork
from icc.network.services.cities import city_name_key, city_validate, unique_city_slug

MAX_IMPORT_MB = 5
IMPORT_EXTENSIONS = ("csv", "xlsx")


@dataclass(frozen=True)
class ImportColumn:
    name: str
    required: bool
    description: Promise | str


IMPORT_COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("name", True, gettext_lazy("The city's name in English.")),
    ImportColumn("name_fr", False, gettext_lazy("The name in French; the English name when empty.")),
    ImportColumn(
        "country",
        True,
        gettext_lazy("Two-letter ISO code (FR, DE) or the country's name in English or French."),
    ),
    ImportColumn("region", False, gettext_lazy("Region, province or state.")),
    ImportColumn("latitude", False, gettext_lazy("Decimal degrees, e.g. 45.76 (north is positive).")),
    ImportColumn("longitude", False, gettext_lazy("Decimal degrees, e.g. 4.84 (east is positive).")),
    ImportColumn("population", False, gettext_lazy("Number of inhabitants, a whole number.")),
    ImportColumn("population_year", False, gettext_lazy("Year of the population figure, e.g. 2023.")),
    ImportColumn("population_source", False, gettext_lazy("Where the population figure comes from.")),
    ImportColumn(
        "foreign_residents_share", False, gettext_lazy("Foreign residents in percent, 0 to 100, e.g. 12.5.")
    ),
    ImportColumn("foreign_residents_year", False, gettext_lazy("Year of that figure.")),
    ImportColumn("foreign_residents_source", False, gettext_lazy("Source of that figure.")),
    ImportColumn("foreign_born_share", False, gettext_lazy("Foreign-born residents in percent, 0 to 100.")),
    ImportColumn("foreign_born_year", False, gettext_lazy("Year of that figure.")),
    ImportColumn("foreign_born_source", False, gettext_lazy("Source of that figure.")),
    ImportColumn("minorities_share", False, gettext_lazy("National minorities in percent, 0 to 100.")),
    ImportColumn("minorities_year", False, gettext_lazy("Year of that figure.")),
    ImportColumn("minorities_source", False, gettext_lazy("Source of that figure.")),
    ImportColumn("is_capital", False, gettext_lazy("yes or no (also true/false, 1/0, oui/non); empty: no.")),
    ImportColumn(
        "status",
        False,
        gettext_lazy("enquiry, candidate, member, suspended or withdrawn; empty: enquiry."),
    ),
    ImportColumn(
        "status_since",
        False,
        gettext_lazy("Date of the status, YYYY-MM-DD; empty: the member-since date for members, else today."),
    ),
    ImportColumn(
        "member_since", False, gettext_lazy("Date the city became a member, YYYY-MM-DD; needed for members.")
    ),
    ImportColumn(
        "national_network", False, gettext_lazy("Short name (e.g. rici) or name of a national network.")
    ),
    ImportColumn("website", False, gettext_lazy("The city's website, e.g. https://www.lyon.fr.")),
    ImportColumn(
        "support_group_established",
        False,
        gettext_lazy("Date the intercultural support group was set up, YYYY-MM-DD."),
    ),
)
COLUMN_NAMES = frozenset(column.name for column in IMPORT_COLUMNS)
REQUIRED_COLUMNS = tuple(column.name for column in IMPORT_COLUMNS if column.required)
# Columns the register export adds for readers; an exported file can be imported as it is.
IGNORED_COLUMNS = frozenset({"country_name", "national_network_name"})
# The city's fields are named as the columns, except the English name.
_FIELD_TO_COLUMN = {"name_en": "name", "name": "name"}

# French words a secretariat member may type, whatever the translation catalogue says.
_STATUS_ALIASES = {
    "demande": CityStatus.ENQUIRY,
    "enquete": CityStatus.ENQUIRY,
    "candidat": CityStatus.CANDIDATE,
    "candidate": CityStatus.CANDIDATE,
    "membre": CityStatus.MEMBER,
    "suspendu": CityStatus.SUSPENDED,
    "suspendue": CityStatus.SUSPENDED,
    "retire": CityStatus.WITHDRAWN,
    "retiree": CityStatus.WITHDRAWN,
}
_TRUE = frozenset({"yes", "y", "true", "1", "oui", "o", "vrai", "x"})
_FALSE = frozenset({"no", "n", "false", "0", "non", "faux", ""})
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong: `row` is the row number as a spreadsheet shows it (None: the whole file)."""

    row: int | None
    column: str
    message: str


@dataclass
class ImportRow:
    number: int
    city: City  # built and validated, not saved


@dataclass
class ImportPreview:
    filename: str
    table: RawTable
    rows: list[ImportRow] = field(default_factory=list)  # the good rows: new cities
    errors: list[RowProblem] = field(default_factory=list)
    # Rows of cities already in the register with exactly these values (an exported file imported as it
    # is): left alone, neither an error nor a change.
    unchanged: list[ImportRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows or self.unchanged)

    @property
    def file_errors(self) -> list[RowProblem]:
        return [error for error in self.errors if error.row is None]

    @property
    def row_errors(self) -> list[RowProblem]:
        return [error for error in self.errors if error.row is not None]

    @property
    def bad_row_count(self) -> int:
        return len({error.row for error in self.errors if error.row is not None})


class ImportRejected(ValidationError):
    """The file still has problems; nothing was written. `preview` says which."""

    def __init__(self, preview: ImportPreview) -> None:
        if preview.file_errors or not preview.table.rows:
            message = _("The file cannot be imported; nothing was written.")
        else:
            message = ngettext(
                "%(count)s row has a problem; nothing was imported. Fix it and upload the file again.",
                "%(count)s rows have problems; nothing was imported. Fix them and upload the file again.",
                preview.bad_row_count,
            ) % {"count": preview.bad_row_count}
        super().__init__(message)
        self.preview = preview


@dataclass(frozen=True)
class StagedImport:
    token: str
    owner_id: int
    filename: str
    file: staging.StagedFile  # its name in the default storage, extension and bytes


# Checking the columns and the rows -----------------------------------------------------------------------


def _header_errors(header: list[str]) -> list[RowProblem]:
    named = [name for name in header if name]
    unknown = [name for name in named if name not in COLUMN_NAMES and name not in IGNORED_COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in named]
    errors = []
    if unknown or missing:
        expected = ", ".join(
            f"{column.name} ({_('required')})" if column.required else column.name
            for column in IMPORT_COLUMNS
        )
        parts = []
        if unknown:
            parts.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
        if missing:
            parts.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
        parts.append(
            _("The first row must name the columns, in any order, from: %(expected)s. Check the spelling.")
            % {"expected": expected}
        )
        errors.append(RowProblem(None, "", " ".join(parts)))
    for name in sorted({name for name in named if named.count(name) > 1}):
        errors.append(
            RowProblem(None, name, _("The column “%(name)s” appears twice; keep one.") % {"name": name})
        )
    return errors


class _CellError(Exception):
    pass


class _RowReader:
    """Turns one row's texts into a city's fields, with one message per bad cell."""

    def __init__(self) -> None:
        self._countries: dict[str, str | None] = {}
        self._networks = list(NationalNetwork.objects.all())
        self._statuses: dict[str, str] = {key: str(value) for key, value in _STATUS_ALIASES.items()}
        for value, label in CityStatus.choices:
            self._statuses[value] = value
            for language in ("en", "fr"):
                with translation.override(language):
                    self._statuses[_fold(str(label))] = value

    def fields(self, values: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        fields: dict[str, Any] = {}
        problems: dict[str, str] = {}

        def take(column: str, parse: Any, target: str | None = None) -> None:
            text = values.get(column, "")
            if not text:
                return
            try:
                fields[target or column] = parse(text)
            except _CellError as exc:
                problems[column] = str(exc)

        name = values.get("name", "")
        if not name:
            problems["name"] = _("Give the city's name in English.")
        fields["name_en"] = name
        fields["name_fr"] = values.get("name_fr") or name
        country = values.get("country", "")
        fields["country"] = ""
        if not country:
            problems["country"] = _(
                "Give the country: its two-letter ISO code (e.g. FR) or its name in English or French."
            )
        else:
            take("country", self._country)
        for column in ("region", "population_source", "foreign_residents_source"):
            fields[column] = values.get(column, "")
        for column in ("foreign_born_source", "minorities_source"):
            fields[column] = values.get(column, "")
        take("latitude", lambda text: _decimal(text, places=5))
        take("longitude", lambda text: _decimal(text, places=5))
        take("population", _whole_number)
        for column in ("population_year", "foreign_residents_year", "foreign_born_year", "minorities_year"):
            take(column, _year)
        for column in ("foreign_residents_share", "foreign_born_share", "minorities_share"):
            take(column, _share)
        fields["is_capital"] = False
        take("is_capital", _yes_no)
        fields["status"] = CityStatus.ENQUIRY
        take("status", self._status)
        for column in ("member_since", "status_since", "support_group_established"):
            take(column, _date)
        take("national_network", self._network)
        take("website", _website)

        today = datetime.date.today()
        member_since = fields.get("member_since")
        if member_since is None and fields["status"] == CityStatus.MEMBER and "member_since" not in problems:
            problems["member_since"] = _(
                "Give the date the city became a member (YYYY-MM-DD); "
                "it is required when the status is member."
            )
        for column in ("member_since", "status_since", "support_group_established"):
            if fields.get(column) and fields[column] > today:
                problems[column] = _("The date %(date)s is in the future; give the date it happened.") % {
                    "date": fields[column].isoformat()
                }
        if not fields.get("status_since"):
            fields["status_since"] = (
                member_since if fields["status"] == CityStatus.MEMBER and member_since else today
            )
        return fields, problems

    def _country(self, text: str) -> str:
        if text not in self._countries:
            self._countries[text] = lookup_country(text)
        code = self._countries[text]
        if code is None:
            raise _CellError(
                _(
                    "“%(value)s” is not a country we know. Use the two-letter ISO code (e.g. FR) or the "
                    "country's name in English or French."
                )
                % {"value": text}
            )
        return code

    def _status(self, text: str) -> str:
        status = self._statuses.get(_fold(text))
        if status is None:
            raise _CellError(
                _("“%(value)s” is not a status. Use one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(CityStatus.values)}
            )
        return status

    def _network(self, text: str) -> NationalNetwork:
        folded = _fold(text)
        for network in self._networks:
            # name_en and name_fr are added by modeltranslation, where type checkers cannot see them.
            names = (network.slug, getattr(network, "name_en", ""), getattr(network, "name_fr", ""))
            if folded in {_fold(name or "") for name in names}:
                return network
        known = ", ".join(network.slug for network in self._networks) or _("none yet")
        raise _CellError(
            _(
                "No national network is called “%(value)s”. Use the short name of one in the register "
                "(%(known)s) or leave the cell empty."
            )
            % {"value": text, "known": known}
        )


def _fold(text: str) -> str:
    return city_name_key(text)


def _number_text(text: str) -> str:
    return _SPACES.sub("", text).removesuffix("%")


def _decimal(text: str, *, places: int) -> Decimal:
    cleaned = _number_text(text)
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise _CellError(
            _("“%(value)s” is not a number. Write it with a decimal point, e.g. 45.76.") % {"value": text}
        )
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value  # too many digits to round: the city's rules say what is wrong with it


def _share(text: str) -> Decimal:
    try:
        return _decimal(text, places=2)
    except _CellError:
        raise _CellError(
            _("“%(value)s” is not a percentage. Write a number between 0 and 100, e.g. 12.5.")
            % {"value": text}
        ) from None


def _whole_number(text: str) -> int:
    cleaned = _number_text(text)
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", cleaned):
        cleaned = re.sub(r"[.,]", "", cleaned)  # thousands separators: 1,234,567 or 1.234.567
    elif re.fullmatch(r"-?\d+[.,]0+", cleaned):
        cleaned = re.split(r"[.,]", cleaned)[0]
    if not re.fullmatch(r"-?\d{1,12}", cleaned):
        raise _CellError(
            _("“%(value)s” is not a whole number. Write the number of inhabitants, e.g. 152000.")
            % {"value": text}
        )
    return int(cleaned)


def _year(text: str) -> int:
    cleaned = _number_text(text)
    if not re.fullmatch(r"\d{4}(\.0+)?", cleaned):
        raise _CellError(
            _("“%(value)s” is not a year. Write it with four digits, e.g. 2023.") % {"value": text}
        )
    return int(cleaned.split(".")[0])


def _yes_no(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise _CellError(
        _("“%(value)s” is not yes or no. Write yes or no (true/false, 1/0 and oui/non also work).")
        % {"value": text}
    )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise _CellError(
            _("“%(value)s” is not a date in the form YYYY-MM-DD, e.g. 2019-05-14.") % {"value": text}
        ) from None


def _website(text: str) -> str:
    text = text.strip()
    return text if "://" in text else f"https://{text}"


# The city's fields an import row sets, compared with a city already in the register.
_COMPARED_FIELDS = (
    "name_en", "name_fr", "country", "region", "latitude", "longitude", "population", "population_year",
    "population_source", "foreign_residents_share", "foreign_residents_year", "foreign_residents_source",
    "foreign_born_share", "foreign_born_year", "foreign_born_source", "minorities_share", "minorities_year",
    "minorities_source", "is_capital", "status", "status_since", "member_since", "national_network_id",
    "website", "support_group_established",
)  # fmt: skip


def _differences(registered: City, city: City) -> list[str]:
    """The columns in which an import row differs from the city already in the register."""

    def norm(value: Any) -> Any:
        return None if value == "" else value

    return [
        _FIELD_TO_COLUMN.get(name, name.removesuffix("_id"))
        for name in _COMPARED_FIELDS
        if norm(getattr(registered, name)) != norm(getattr(city, name))
    ]


def _registered_cities(table: RawTable) -> dict[tuple[str, str], City]:
    """The cities of the register whose names appear in the file, by (country, name key): one query."""
    if "name" not in table.header:
        return {}
    index = table.header.index("name")
    keys = {
        city_name_key(cells[index]) for _number, cells in table.rows if index < len(cells) and cells[index]
    }
    return {(city.country, city.name_key): city for city in City.objects.filter(name_key__in=keys)}


ProgressCallback = Callable[[int, int], None]
PROGRESS_EVERY = 100  # rows between two progress records


def _build_preview(table: RawTable, filename: str, progress: ProgressCallback | None = None) -> ImportPreview:
    preview = ImportPreview(filename=filename, table=table)
    preview.errors.extend(_header_errors(table.header))
    if preview.errors:
        return preview
    if not table.rows:
        preview.errors.append(
            RowProblem(None, "", _("The file has a header row but no cities. Add one row per city."))
        )
        return preview
    columns = {index: name for index, name in enumerate(table.header) if name in COLUMN_NAMES}
    reader = _RowReader()
    registered = _registered_cities(table)
    seen: dict[tuple[str, str], int] = {}
    total = len(table.rows)
    for position, (number, cells) in enumerate(table.rows):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, total)
        values = {name: (cells[index] if index < len(cells) else "") for index, name in columns.items()}
        fields, problems = reader.fields(values)
        city = City(**fields)
        key = (city.country, city_name_key(city.name_en or ""))
        same = registered.get(key)
        if same is not None and not problems and key not in seen and not _differences(same, city):
            seen[key] = number
            preview.unchanged.append(ImportRow(number=number, city=same))
            continue
        try:
            city_validate(city)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = (
                    "" if field_name == NON_FIELD_ERRORS else _FIELD_TO_COLUMN.get(field_name, field_name)
                )
                if column not in problems:
                    problems[column] = " ".join(messages)
        if same is not None and "name" in problems:
            problems["name"] += " " + _(
                "The file differs from the register in: %(columns)s. An import only adds new cities: "
                "change this one on its page, or leave its row as exported."
            ) % {"columns": ", ".join(_differences(same, city))}
        key = (city.country, city.name_key)
        if city.country and city.name_key and "name" not in problems:
            if key in seen:
                problems["name"] = _(
                    "%(name)s (%(country)s) is also on row %(row)s of this file; "
                    "keep only one of the two rows."
                ) % {"name": city.name_en, "country": city.country, "row": seen[key]}
            else:
                seen[key] = number
        if problems:
            order = list(table.header)
            for column, message in sorted(
                problems.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
            ):
                preview.errors.append(RowProblem(number, column, message))
        else:
            preview.rows.append(ImportRow(number=number, city=city))
    if progress is not None:
        progress(total, total)
    return preview


# The staging area ---------------------------------------------------------------------------------------


STAGING_AREA = "imports"


def import_stage(*, by: User, upload: UploadedFile) -> StagedImport:
    """Check an uploaded file and keep it for the dry run. File-level problems raise on "file"."""
    try:
        filename = validate_upload(upload, allowed=IMPORT_EXTENSIONS, max_mb=MAX_IMPORT_MB)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    extension = Path(filename).suffix.lower().lstrip(".")
    upload.seek(0)
    content = upload.read()
    table = read_table(content, extension)
    header_errors = _header_errors(table.header)
    if header_errors:
        raise ValidationError({"file": [error.message for error in header_errors]})
    staged = staging.stage_file(
        STAGING_AREA, owner_id=by.pk, filename=filename, extension=extension, content=content
    )
    return StagedImport(token=staged.token, owner_id=by.pk, filename=filename, file=staged)


def staged_import_for_user(user: Any, token: str) -> StagedImport:
    """The staged file behind `token` if `user` uploaded it less than a day ago; else 404."""
    staged = staging.staged_file_for_user(STAGING_AREA, user, token, extensions=IMPORT_EXTENSIONS)
    return StagedImport(token=staged.token, owner_id=user.pk, filename=staged.filename, file=staged)


def import_preview(staged: StagedImport, progress: ProgressCallback | None = None) -> ImportPreview:
    """The dry run: every row checked, nothing written."""
    try:
        table = read_table(staged.file.read_bytes(), staged.file.extension)
    except ValidationError as exc:
        return ImportPreview(
            filename=staged.filename,
            table=RawTable(header=[], rows=[]),
            errors=[RowProblem(None, "", message) for message in exc.messages],
        )
    return _build_preview(table, staged.filename, progress)


def cities_import(
    *,
    preview_or_file: ImportPreview | StagedImport,
    by: User | None,
    progress: ProgressCallback | None = None,
) -> list[City]:
    """Add every new city of the file, or none; rows of cities already in the register unchanged are
    left alone.

    Given a staged file, every row is checked first, outside the transaction: checking thousands of rows
    takes a while, and other people's saves must not wait for it. Then, in one short transaction, what
    may have changed meanwhile (a city of the same name added by someone else) is checked again for all
    rows in one query, and the cities and their history rows are written in bulk."""
    if isinstance(preview_or_file, StagedImport):
        preview = import_preview(preview_or_file, progress)
    else:
        preview = preview_or_file
    if not preview.ok:
        raise ImportRejected(preview)
    reason = history_reason("network.cities_imported", words=preview.filename)
    with transaction.atomic():
        _check_still_new(preview)
        taken = set(City.objects.values_list("slug", flat=True))
        cities = []
        for row in preview.rows:
            city = row.city
            city.slug = unique_city_slug(city.name_en or "", city.country, taken=taken)
            taken.add(city.slug)
            cities.append(city)
        created = bulk_create_with_history(
            cities, City, batch_size=500, default_user=by, default_change_reason=reason
        )
        public_content_changed()  # bulk_create sends no signal: the public list must show the new cities
        if isinstance(preview_or_file, StagedImport):
            token = preview_or_file.token
            transaction.on_commit(lambda: staging.discard(STAGING_AREA, token))
    return list(created)


def _check_still_new(preview: ImportPreview) -> None:
    keys = {(row.city.country, row.city.name_key) for row in preview.rows}
    registered = {
        (city.country, city.name_key): city
        for city in City.objects.filter(name_key__in={name_key for _country, name_key in keys})
    }
    for row in preview.rows:
        duplicate = registered.get((row.city.country, row.city.name_key))
        if duplicate is not None:
            preview.errors.append(
                RowProblem(
                    row.number,
                    "name",
                    _("%(name)s (%(country)s) is already in the register.")
                    % {"name": duplicate.name, "country": duplicate.country},
                )
            )
    if preview.errors:
        preview.rows = [row for row in preview.rows if row.number not in {e.row for e in preview.errors}]
        raise ImportRejected(preview)


# Imports as background jobs (icc.core.jobs): the check, then the apply, each with a progress bar -------

CHECK_JOB = "cities-import-check"
APPLY_JOB = "cities-import"


@dataclass(frozen=True)
class CheckedRow:
    """A row ready to import, as the review page lists it."""

    number: int
    name: str
    name_fr: str
    country: str
    population: int | None
    diversity_share: float | None
    status: str
    member_since: datetime.date | None
    network: str

    @property
    def status_label(self) -> str:
        return str(CityStatus(self.status).label) if self.status in CityStatus.values else self.status


@dataclass
class CheckedImport:
    """A dry run as a job stored it (JSON) and the review page shows it."""

    filename: str
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)  # (row, city)

    ok = ImportPreview.ok
    file_errors = ImportPreview.file_errors
    row_errors = ImportPreview.row_errors
    bad_row_count = ImportPreview.bad_row_count

    @classmethod
    def from_result(cls, result: dict[str, Any]) -> "CheckedImport":
        rows = [
            CheckedRow(
                number=row[0],
                name=row[1],
                name_fr=row[2],
                country=row[3],
                population=row[4],
                diversity_share=row[5],
                status=row[6],
                member_since=datetime.date.fromisoformat(row[7]) if row[7] else None,
                network=row[8],
            )
            for row in result.get("rows", [])
        ]
        return cls(
            filename=str(result.get("filename", "")),
            rows=rows,
            errors=[RowProblem(row, column, message) for row, column, message in result.get("errors", [])],
            unchanged=[(number, name) for number, name in result.get("unchanged", [])],
        )


def _preview_result(preview: ImportPreview) -> dict[str, Any]:
    def share(city: City) -> float | None:
        value = city.diversity_share
        return None if value is None else float(value)

    return {
        "filename": preview.filename,
        "rows": [
            [
                row.number,
                row.city.name_en or "",
                row.city.name_fr or "",
                row.city.country,
                row.city.population,
                share(row.city),
                row.city.status,
                row.city.member_since.isoformat() if row.city.member_since else "",
                str(row.city.national_network or ""),
            ]
            for row in preview.rows
        ],
        "errors": [[error.row, error.column, error.message] for error in preview.errors],
        "unchanged": [[row.number, row.city.name_en or ""] for row in preview.unchanged],
    }


def _job_key(kind: str, token: str) -> str:
    return f"{kind}:{token}"


def import_jobs_for_user(user: Any, token: str) -> tuple[Job | None, Job | None]:
    """The check and the apply of the import behind `token`, if `user` started them."""
    jobs = {
        job.kind: job
        for job in Job.objects.filter(
            key__in=[_job_key(CHECK_JOB, token), _job_key(APPLY_JOB, token)], requested_by=user.pk
        )
    }
    return jobs.get(CHECK_JOB), jobs.get(APPLY_JOB)


def import_check_start(*, staged: StagedImport, by: User) -> Job:
    """Check every row of the staged file in the background; the review page shows the progress."""
    from icc.network.tasks import cities_import_check

    job, _created = job_start(
        kind=CHECK_JOB, key=_job_key(CHECK_JOB, staged.token), by=by, task=cities_import_check
    )
    return job


def import_apply_start(*, staged: StagedImport, by: User) -> tuple[Job, bool]:
    """Apply the staged import in the background, once: a second request (a double click, a second tab)
    gets the first job and `False`."""
    from icc.network.tasks import cities_import_apply

    return job_start(kind=APPLY_JOB, key=_job_key(APPLY_JOB, staged.token), by=by, task=cities_import_apply)


def _staged_of(job: Job) -> StagedImport:
    token = job.key.split(":", 1)[1]
    try:
        staged = staging.staged_file(
            STAGING_AREA, token, owner_id=job.requested_by_id, extensions=IMPORT_EXTENSIONS
        )
    except Http404:
        raise ValidationError(
            _("The uploaded file is no longer kept (after a day, or once imported). Upload it again.")
        ) from None
    return StagedImport(token=token, owner_id=staged.owner_id, filename=staged.filename, file=staged)


def _progress_of(job: Job) -> ProgressCallback:
    return lambda done, total: job_progress(job.pk, done=done, total=total)


def import_check_work(job: Job) -> dict[str, Any]:
    """The check job's work: the dry run, stored for the review page."""
    job_progress(job.pk, step=_("Checking the rows"))
    return _preview_result(import_preview(_staged_of(job), _progress_of(job)))


def import_apply_work(job: Job) -> dict[str, Any]:
    """The apply job's work: every row checked again, then all cities written or none."""
    job_progress(job.pk, step=_("Checking the rows again, then adding the cities"))
    staged = _staged_of(job)
    user = job.requested_by
    try:
        preview = import_preview(staged, _progress_of(job))
        created = cities_import(preview_or_file=preview, by=user)
    except ImportRejected as exc:
        return {"applied": False, "message": exc.messages[0], **_preview_result(exc.preview)}
    staging.discard(STAGING_AREA, staged.token)
    return {
        "applied": True,
        "filename": staged.filename,
        "created": len(created),
        "unchanged": len(preview.unchanged),
    }
