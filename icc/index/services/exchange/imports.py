"""The import of a filled-in workbook: a dry run listing every bad cell, then all or nothing."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from icc.accounts.models import User
from icc.core import staging
from icc.core.exports import cell_text
from icc.core.history import reason as history_reason
from icc.core.models import Job, JobStatus
from icc.core.uploads import validate_upload
from icc.index.answers import NOT_APPLICABLE, AnswerError, clean_answer, clean_links
from icc.index.models import Answer, Response
from icc.index.rules import can_answer_area
from icc.index.services.exchange.workbook import (
    ANSWERS_SHEET,
    CHOICE_TYPES,
    META_SHEET,
    SHEET_COLUMNS,
    WORKBOOK_FORMAT,
    answer_state,
    column_letter,
    column_names,
    fold,
    plain_number,
)
from icc.index.services.responses import answer_save, locked_message
from icc.index.structure import QuestionInfo, Structure, structure_of

STAGING_AREA = "index-imports"
MAX_IMPORT_MB = 5
# An XLSX is a ZIP archive: refuse one that would unpack to far more than any questionnaire could fill.
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_EXPLANATION = 20_000
# Rows below the column names: a questionnaire has a few hundred questions at most; without a limit, a
# workbook with 100,000 extra rows made a 22 MB review page.
MAX_IMPORT_ROWS = 2_000


# Import: the dry run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellProblem:
    """One bad cell: `cell` is its reference as a spreadsheet shows it ("F14"); empty for the whole file."""

    cell: str
    question: str
    message: str


@dataclass(frozen=True)
class AnswerChange:
    row: int
    question: str
    area: str
    text: str
    value: Any  # the answer to save, as stored
    explanation: str
    links: list[str]
    before: str
    after: str
    value_changed: bool
    explanation_changed: bool
    links_changed: bool


@dataclass
class ImportPreview:
    filename: str
    token: str = ""
    problems: list[CellProblem] = field(default_factory=list)
    changes: list[AnswerChange] = field(default_factory=list)
    unchanged: int = 0
    # Answers changed online after the export that the file leaves as exported: the online ones are kept.
    kept_online: list[str] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.changes)

    @property
    def file_problems(self) -> list[CellProblem]:
        return [problem for problem in self.problems if not problem.cell]

    @property
    def cell_problems(self) -> list[CellProblem]:
        return [problem for problem in self.problems if problem.cell]


class ImportRejected(ValidationError):
    """The file has problems, or answers changed meanwhile; nothing was written. `preview` says which."""

    def __init__(self, preview: ImportPreview, message: str | None = None) -> None:
        if message is None:
            count = len(preview.problems)
            message = ngettext(
                "%(count)s cell has a problem; nothing was saved. Fix it and import the file again.",
                "%(count)s cells have problems; nothing was saved. Fix them and import the file again.",
                count,
            ) % {"count": count}
        super().__init__(message)
        self.preview = preview


@dataclass
class _Row:
    number: int
    cells: list[Any]  # openpyxl cells (or None past the row's end), in the order of SHEET_COLUMNS


@dataclass
class _Workbook:
    meta: dict[str, str]
    exported: dict[str, tuple[int, str]]  # question id -> (revision, state) at export
    rows: list[_Row]
    columns: dict[str, int]  # column key -> 0-based index in the sheet


class _FileError(Exception):
    pass


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _unreadable() -> str:
    return _(
        "The file could not be read as an XLSX workbook. Open it in your spreadsheet program and save it "
        "again as “Excel Workbook (.xlsx)”."
    )


def _text(cell: Any) -> str:
    """A cell as text, with the apostrophe the export puts before text that looks like a formula removed."""
    return cell_text(getattr(cell, "value", None))


def _raw_answer(cell: Any, info: QuestionInfo) -> Any:
    """What `clean_answer` gets for a cell: numbers stay numbers for number questions."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if (
        info.type in ("number", "percentage", "year")
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        if info.type == "percentage" and "%" in (getattr(cell, "number_format", None) or ""):
            value = round(value * 100, 9)  # a cell formatted as a percentage shows 12.5 % but holds 0.125
        return plain_number(value)
    text = _text(cell)
    if info.type == "multiple_choice" and text.casefold() != NOT_APPLICABLE:
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if text.casefold() == NOT_APPLICABLE:
        return NOT_APPLICABLE
    return text


def _read_workbook(content: bytes) -> _Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _FileError(_unreadable()) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _FileError(_("The workbook is too large once unpacked. Download a fresh copy and fill it in."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise _FileError(_unreadable()) from exc
    try:
        return _read_sheets(workbook)
    except _FileError:
        raise
    except Exception as exc:
        raise _FileError(_unreadable()) from exc
    finally:
        workbook.close()


def _read_sheets(workbook: Any) -> _Workbook:
    if META_SHEET not in workbook.sheetnames:
        raise _FileError(
            _(
                "This workbook was not downloaded from this platform (it has no “meta” sheet), so it cannot "
                "be matched to a response. Download the response's workbook and enter the answers there."
            )
        )
    meta: dict[str, str] = {}
    exported: dict[str, tuple[int, str]] = {}
    in_answers = False
    for cells in workbook[META_SHEET].iter_rows(values_only=True):
        values = ["" if value is None else str(value).strip() for value in cells]
        if not any(values):
            continue
        if values[0] == "question":
            in_answers = True
            continue
        if in_answers:
            padded = [*values, "", ""]
            try:
                revision = int(float(padded[1] or 0))
            except ValueError:
                revision = -1
            exported[padded[0]] = (revision, padded[2])
        elif len(values) > 1:
            meta[values[0]] = values[1]
    sheet_name = (
        ANSWERS_SHEET
        if ANSWERS_SHEET in workbook.sheetnames
        else next((name for name in workbook.sheetnames if name != META_SHEET), None)
    )
    if sheet_name is None:
        raise _FileError(_("The workbook has no sheet of answers. Download a fresh copy and fill it in."))
    sheet = workbook[sheet_name]
    sheet.reset_dimensions()  # some programs write a wrong sheet size; rows past it would be dropped
    wanted = {column.key: column_names(column) for column in SHEET_COLUMNS}
    columns: dict[str, int] = {}
    rows: list[_Row] = []
    header_found = False
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if not header_found:
            texts = [fold(_text(cell)) for cell in cells]
            if any(text in wanted["question"] for text in texts):
                for index, text in enumerate(texts):
                    for key, names in wanted.items():
                        if text in names and key not in columns:
                            columns[key] = index
                header_found = True
            elif number > 50:
                break
            continue
        if all(getattr(cell, "value", None) in (None, "") for cell in cells):
            continue
        rows.append(_Row(number=number, cells=list(cells)))
        if len(rows) > MAX_IMPORT_ROWS:
            raise _FileError(
                _(
                    "The workbook has more than %(max)s filled rows below the column names; a "
                    "questionnaire has far fewer questions. Keep one row per question, as downloaded, and "
                    "delete the others."
                )
                % {"max": MAX_IMPORT_ROWS}
            )
    if not header_found:
        columns = {}
    return _Workbook(meta=meta, exported=exported, rows=rows, columns=columns)


def _check_file(book: _Workbook, response: Response) -> None:
    """File-level problems: another response, another questionnaire version, missing columns."""
    questionnaire = response.round.questionnaire
    if book.meta.get("format", "").split("/")[0] != WORKBOOK_FORMAT.split("/")[0]:
        raise _FileError(
            _(
                "This workbook was not downloaded from a response's page, so it cannot be matched to a "
                "response. Download the response's workbook and enter the answers there."
            )
        )
    if book.meta.get("questionnaire") != questionnaire.key:
        raise _FileError(
            _(
                "This workbook is for the questionnaire version “%(theirs)s”; this response uses "
                "“%(ours)s”. Download this response's workbook and copy the answers into it."
            )
            % {"theirs": book.meta.get("questionnaire", "?"), "ours": questionnaire.key}
        )
    if book.meta.get("response") != str(response.pk):
        raise _FileError(
            _(
                "This workbook is for another response, not %(response)s. Import it on its own response's "
                "page, or download this response's workbook."
            )
            % {"response": response}
        )
    missing = [column for column in SHEET_COLUMNS if column.required and column.key not in book.columns]
    if missing:
        raise _FileError(
            _(
                "Missing columns: %(names)s. The row of column names must keep the columns of the "
                "downloaded workbook; download a fresh copy if they were removed."
            )
            % {"names": ", ".join(str(column.label) for column in missing)}
        )


def answer_display(info: QuestionInfo | None, value: Any) -> str:
    """An answer for people: option ids with their labels, or the value; "(no answer)" when empty."""
    if value is None or value == "":
        return _("(no answer)")
    if value == NOT_APPLICABLE:
        return _("not applicable")
    if info is not None and info.type in CHOICE_TYPES:
        ids = value if isinstance(value, list) else [value]
        if not ids:
            return _("(none of these)")
        return ", ".join(f"{oid} ({info.option_label(str(oid))})" for oid in ids)
    return str(plain_number(value))


def responses_fingerprint(response: Response) -> str:
    """Changes whenever any answer of the response is saved; the apply refuses a stale dry run."""
    revisions = sorted(Answer.objects.filter(response=response).values_list("question", "revision"))
    return hashlib.sha256(json.dumps(revisions).encode("utf-8")).hexdigest()[:32]


def _build_preview(response: Response, content: bytes, filename: str, by: User | None) -> ImportPreview:
    preview = ImportPreview(filename=filename)
    try:
        book = _read_workbook(content)
        _check_file(book, response)
        if not response.is_editable:
            raise _FileError(locked_message(response, by))
    except _FileError as exc:
        preview.problems.append(CellProblem("", "", str(exc)))
        return preview
    structure = structure_of(response.round.questionnaire)
    stored = {answer.question: answer for answer in Answer.objects.filter(response=response)}
    preview.fingerprint = responses_fingerprint(response)
    _check_rows(preview, book, structure, stored, response, by)
    if not preview.problems and not preview.changes:
        preview.problems.append(
            CellProblem(
                "",
                "",
                _("The workbook changes no answer: every row is as saved. Fill in answers and import again."),
            )
        )
    return preview


def _check_rows(
    preview: ImportPreview,
    book: _Workbook,
    structure: Structure,
    stored: dict[str, Answer],
    response: Response,
    by: User | None,
) -> None:
    columns = book.columns
    may_answer: dict[str, bool] = {}

    def cell_of(row: _Row, key: str) -> Any:
        index = columns.get(key)
        if index is None or index >= len(row.cells):
            return None
        return row.cells[index]

    def ref(row: _Row, key: str) -> str:
        return f"{get_column_letter(columns[key] + 1)}{row.number}"

    seen: dict[str, int] = {}
    for row in book.rows:
        question_id = _text(cell_of(row, "question"))
        answer_cell_ = cell_of(row, "answer")
        filled = [_text(cell_of(row, key)) for key in ("answer", "explanation", "links")]
        if not question_id:
            if any(filled):
                preview.problems.append(
                    CellProblem(
                        ref(row, "question"),
                        "",
                        _("This row has an answer but no question id. Put it on its question's row."),
                    )
                )
            continue
        if not structure.has_question(question_id):
            preview.problems.append(
                CellProblem(
                    ref(row, "question"),
                    question_id,
                    _(
                        "“%(id)s” is not a question of this questionnaire version. Keep the question ids "
                        "as downloaded."
                    )
                    % {"id": question_id},
                )
            )
            continue
        if question_id in seen:
            preview.problems.append(
                CellProblem(
                    ref(row, "question"),
                    question_id,
                    _("The question “%(id)s” is also on row %(row)s; keep one of the two rows.")
                    % {"id": question_id, "row": seen[question_id]},
                )
            )
            continue
        seen[question_id] = row.number
        info = structure.question(question_id)
        row_problems: list[CellProblem] = []
        try:
            value = clean_answer(info.question, _raw_answer(answer_cell_, info))
        except AnswerError as exc:
            row_problems.append(CellProblem(ref(row, "answer"), question_id, str(exc)))
            value = None
        explanation = _text(cell_of(row, "explanation"))
        if len(explanation) > MAX_EXPLANATION:
            row_problems.append(
                CellProblem(
                    ref(row, "explanation"),
                    question_id,
                    _("The explanation is too long: at most 20,000 characters."),
                )
            )
        try:
            links = clean_links(_text(cell_of(row, "links")))
        except AnswerError as exc:
            row_problems.append(CellProblem(ref(row, "links"), question_id, str(exc)))
            links = []
        if row_problems:
            preview.problems.extend(row_problems)
            continue

        current = stored.get(question_id)
        current_value = current.value if current else None
        current_explanation = current.explanation if current else ""
        current_links = list(current.links or []) if current else []
        file_state = answer_state(info, value, explanation, links)
        if file_state == answer_state(info, current_value, current_explanation, current_links):
            preview.unchanged += 1
            continue
        exported_revision, exported_state = book.exported.get(question_id, (0, ""))
        current_revision = current.revision if current else 0
        if current_revision != exported_revision:
            if file_state == exported_state:
                preview.kept_online.append(question_id)
                preview.unchanged += 1
                continue
            who = current.updated_by if current and current.updated_by else None
            preview.problems.append(
                CellProblem(
                    ref(row, "answer"),
                    question_id,
                    _(
                        "This answer was changed online%(by)s after the workbook was downloaded; the file "
                        "would overwrite it. Online it is now: %(online)s. Copy what should stay into the "
                        "file, or download a fresh workbook."
                    )
                    % {
                        "by": (" " + _("by %(name)s") % {"name": who}) if who else "",
                        "online": answer_display(info, current_value),
                    },
                )
            )
            continue
        area = structure.area_of(question_id)
        if area.id not in may_answer:
            may_answer[area.id] = by is None or can_answer_area(by, response, area.id)
        if not may_answer[area.id]:
            preview.problems.append(
                CellProblem(
                    ref(row, "answer"),
                    question_id,
                    _(
                        "You may not change answers in the section “%(area)s”: it is not assigned to you. "
                        "Leave this row as it was, or ask your coordinator."
                    )
                    % {"area": area.title()},
                )
            )
            continue
        value_changed = answer_state(info, value, "", []) != answer_state(info, current_value, "", [])
        preview.changes.append(
            AnswerChange(
                row=row.number,
                question=question_id,
                area=area.title(),
                text=info.text(),
                value=value if value_changed else current_value,
                explanation=explanation,
                links=links,
                before=answer_display(info, current_value),
                after=answer_display(info, value),
                value_changed=value_changed,
                explanation_changed=explanation.strip() != (current_explanation or "").strip(),
                links_changed=links != current_links,
            )
        )


def response_import_preview(
    *, response: Response, file: UploadedFile | staging.StagedFile, by: User
) -> ImportPreview:
    """The dry run: every row checked, nothing written.

    Given an upload, the file is checked (type, size, that it belongs to this response) and staged; a
    file that cannot be this response's workbook raises a ValidationError on "file" and is not kept.
    Given a staged file (the review page), it is read again."""
    if isinstance(file, staging.StagedFile):
        return _staged_preview(response, file, by)
    try:
        filename = validate_upload(file, allowed=("xlsx",), max_mb=MAX_IMPORT_MB)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    file.seek(0)
    content = file.read()
    preview = _build_preview(response, content, filename, by)
    if preview.file_problems:
        raise _file_error(preview.file_problems[0].message)
    staged = staging.stage_file(
        STAGING_AREA,
        owner_id=by.pk,
        filename=filename,
        extension="xlsx",
        content=content,
        extra={"response": response.pk},
    )
    preview.token = staged.token
    return preview


def _staged_preview(response: Response, staged: staging.StagedFile, by: User | None) -> ImportPreview:
    preview = _build_preview(response, staged.read_bytes(), staged.filename, by)
    preview.token = staged.token
    return preview


def staged_import_for_user(user: Any, response: Response, token: str) -> staging.StagedFile:
    """The workbook `user` uploaded for `response` less than a day ago; else 404."""
    staged = staging.staged_file_for_user(STAGING_AREA, user, token, extensions=("xlsx",))
    if staged.extra.get("response") != response.pk:
        raise Http404("No such import.")
    return staged


APPLIED_KIND = "response-import"


class ImportAlreadyApplied(ValidationError):
    """The same staged workbook was applied already (a double click, a second tab): nothing more is
    written."""

    def __init__(self, saved: int) -> None:
        super().__init__(
            ngettext(
                "This import was already applied: %(count)s answer was saved from the workbook.",
                "This import was already applied: %(count)s answers were saved from the workbook.",
                saved,
            )
            % {"count": saved}
        )
        self.saved = saved


def import_applied(user: Any, token: str) -> Job | None:
    """The record of the import behind `token` if `user` applied it already."""
    return Job.objects.filter(key=f"{APPLIED_KIND}:{token}", requested_by=user.pk).first()


@transaction.atomic
def response_import_apply(
    *, response: Response, token: str, by: User, fingerprint: str | None = None
) -> list[Answer]:
    """Save every changed row, or none: the file is checked again here, inside one transaction.

    `fingerprint` is the one the person saw in the dry run: if any answer was saved since, nothing is
    written and ImportRejected carries the new dry run to check again. An import is applied once: the
    record of it (a finished `Job` keyed by the token) makes a second apply raise ImportAlreadyApplied."""
    # The lock first: a second apply of the same file waits here until the first commits, then sees it.
    response = (
        Response.objects.select_for_update()
        .select_related("round__questionnaire", "city")
        .get(pk=response.pk)
    )
    done = import_applied(by, token)
    if done is not None:
        raise ImportAlreadyApplied(int(done.result.get("saved", 0)))
    staged = staged_import_for_user(by, response, token)
    preview = _staged_preview(response, staged, by)
    if preview.problems:
        raise ImportRejected(preview)
    if fingerprint is not None and fingerprint != preview.fingerprint:
        raise ImportRejected(
            preview,
            _("Answers were saved by someone else since you checked the file; check the changes again."),
        )
    reason = history_reason("index.answers_imported", words=staged.filename)
    saved: list[Answer] = []
    for change in preview.changes:
        try:
            result = answer_save(
                response=response,
                question=change.question,
                by=by,
                value=change.value,
                explanation=change.explanation,
                links=change.links,
                check_access=True,
                reason=reason,
            )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("Not allowed.")]
            preview.problems.append(
                CellProblem(f"{column_letter('answer')}{change.row}", change.question, " ".join(messages))
            )
            raise ImportRejected(preview) from exc
        saved.append(result.answer)
    now = timezone.now()
    Job.objects.create(
        kind=APPLIED_KIND,
        key=f"{APPLIED_KIND}:{staged.token}",
        requested_by=by,
        status=JobStatus.FINISHED,
        total=len(saved),
        done=len(saved),
        result={"saved": len(saved), "response": response.pk},
        started_at=now,
        finished_at=now,
    )
    transaction.on_commit(lambda: staging.discard(STAGING_AREA, staged.token))
    return saved
