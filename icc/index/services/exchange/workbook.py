"""The workbook a department fills in offline: its layout and its export (see the package's doc)."""

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from icc.core.exports import safe_cell
from icc.index.answers import MAX_TEXT, NOT_APPLICABLE
from icc.index.models import Answer, Response
from icc.index.structure import QuestionInfo, structure_of

ANSWERS_SHEET = "Answers"
META_SHEET = "meta"
WORKBOOK_FORMAT = "icc-index-response/1"
CHOICE_TYPES = ("single_choice", "yes_no", "multiple_choice")
# Excel keeps a list validation's items in one formula of at most 255 characters.
_MAX_LIST_FORMULA = 255


# The columns of the "Answers" sheet ----------------------------------------------------------------


@dataclass(frozen=True)
class SheetColumn:
    key: str
    label: Promise
    width: int
    editable: bool = False
    required: bool = False  # an import needs it


SHEET_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("area", gettext_lazy("Section"), 22),
    SheetColumn("question", gettext_lazy("Question id"), 30, required=True),
    SheetColumn("text", gettext_lazy("Question"), 60),
    SheetColumn("type", gettext_lazy("Type of answer"), 20),
    SheetColumn("allowed", gettext_lazy("Allowed answers"), 34),
    SheetColumn("answer", gettext_lazy("Answer"), 20, editable=True, required=True),
    SheetColumn("explanation", gettext_lazy("Explanation and examples"), 50, editable=True, required=True),
    SheetColumn("links", gettext_lazy("Links (one per line)"), 40, editable=True, required=True),
)
_COLUMN_INDEX = {column.key: index for index, column in enumerate(SHEET_COLUMNS)}

TYPE_LABELS: dict[str, Promise] = {
    "single_choice": gettext_lazy("One choice"),
    "yes_no": gettext_lazy("Yes or no"),
    "multiple_choice": gettext_lazy("Several choices"),
    "number": gettext_lazy("Number"),
    "percentage": gettext_lazy("Percentage"),
    "text": gettext_lazy("Text"),
    "year": gettext_lazy("Year"),
}


def column_names(column: SheetColumn) -> set[str]:
    """What a header cell may say for `column`: its key, or its label in any language of the site."""
    names = {column.key}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(fold(str(column.label)))
    return names


def fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


# Export of one response ------------------------------------------------------------------------------


def plain_number(value: Any) -> Any:
    """Numbers as JSON would compare them: 12.0 and 12 are the same answer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def answer_state(info: QuestionInfo, value: Any, explanation: str, links: Sequence[str]) -> str:
    """A fingerprint of an answer as a workbook shows it. An empty multiple-choice selection and no
    answer look the same in a cell (both empty), so they count as the same here."""
    if info.type == "multiple_choice" and value == []:
        value = None
    data = [plain_number(value), (explanation or "").strip(), list(links or [])]
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]


def answer_cell(value: Any) -> Any:
    """An answer as the workbook shows it: ids comma-separated, numbers as numbers, n/a as n/a."""
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    return safe_cell(str(value))


def allowed_answers(info: QuestionInfo) -> str:
    """What the answer cell may hold, for the reader: option ids with labels, or the expected format."""
    lines: list[str] = []
    if info.type in CHOICE_TYPES:
        if info.type == "multiple_choice":
            lines.append(_("One or more ids, separated by commas:"))
        lines.extend(f"{oid} = {label}" for oid, label, _points in info.options())
    elif info.type == "number":
        lines.append(_("A number, 0 or more, e.g. 12.5"))
    elif info.type == "percentage":
        lines.append(_("A number from 0 to 100, e.g. 12.5 (without %)"))
    elif info.type == "year":
        lines.append(_("A year with four digits, e.g. 2024"))
    elif info.type == "text":
        lines.append(_("Text, at most %(n)s characters") % {"n": MAX_TEXT})
    if info.question.allow_na:
        lines.append(_("n/a = not applicable"))
    return "\n".join(lines)


def _instructions() -> str:
    return _(
        "Fill in the columns Answer, Explanation and Links only; the other columns are locked. "
        "Write option ids as listed in Allowed answers (several ids separated by commas), numbers with "
        "digits only, and n/a where it is allowed. Leave a cell empty for no answer. Do not add, remove "
        "or reorder columns and do not change the question ids. Then import the workbook on the "
        "response's page: every change is shown for checking before anything is saved."
    )


def response_to_xlsx(response: Response, language: str | None = None) -> bytes:
    """A workbook a department can work in offline and import back (see the module's doc)."""
    with translation.override(language or translation.get_language() or "en"):
        return _build_workbook(response)


def _build_workbook(response: Response) -> bytes:
    questionnaire = response.round.questionnaire
    structure = structure_of(questionnaire)
    answers = {answer.question: answer for answer in Answer.objects.filter(response=response)}
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ANSWERS_SHEET
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    editable_fill = PatternFill("solid", fgColor="FFF8DC")

    exported = timezone.localtime()
    sheet.append([safe_cell(_("Intercultural Cities Index: answers of %(city)s") % {"city": response.city})])
    sheet["A1"].font = Font(bold=True, size=14)
    block = [
        (_("City"), str(response.city)),
        (_("Round"), str(response.round)),
        (_("Questionnaire version"), f"{questionnaire.key} ({questionnaire})"),
        (_("Status"), response.get_status_display()),
        (_("Exported on"), exported.strftime("%Y-%m-%d %H:%M")),
        (_("Instructions"), _instructions()),
    ]
    for label, text in block:
        sheet.append([safe_cell(label), safe_cell(text)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=5)
    sheet.row_dimensions[sheet.max_row].height = 90
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append([safe_cell(str(column.label)) for column in SHEET_COLUMNS])
    for cell in sheet[header_row]:
        cell.font = bold

    validations: dict[tuple[str, ...], DataValidation] = {}
    number_checks: dict[str, DataValidation] = {}
    meta_answers: list[list[Any]] = []
    for area in structure.areas:
        for info in area.questions:
            answer = answers.get(info.id)
            value = answer.value if answer else None
            explanation = answer.explanation if answer else ""
            links = list(answer.links or []) if answer else []
            row = [
                safe_cell(area.title()),
                safe_cell(info.id),
                safe_cell(info.text()),
                safe_cell(str(TYPE_LABELS.get(info.type, info.type))),
                safe_cell(allowed_answers(info)),
                answer_cell(value),
                safe_cell(explanation) or None,
                safe_cell("\n".join(links)) or None,
            ]
            sheet.append([_xlsx_value(cell) for cell in row])
            number = sheet.max_row
            for index, column in enumerate(SHEET_COLUMNS, start=1):
                cell = sheet.cell(row=number, column=index)
                cell.alignment = wrap
                if column.editable:
                    cell.protection = Protection(locked=False)
                    cell.fill = editable_fill
            answer_ref = f"{column_letter('answer')}{number}"
            _add_validation(info, answer_ref, validations, number_checks)
            meta_answers.append(
                [info.id, answer.revision if answer else 0, answer_state(info, value, explanation, links)]
            )
    for validation in [*validations.values(), *number_checks.values()]:
        sheet.add_data_validation(validation)
    for index, column in enumerate(SHEET_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"C{header_row + 1}"
    # Locked without a password: the lock guards against slips (a changed question id), not people.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for key, item in (
        ("format", WORKBOOK_FORMAT),
        ("response", response.pk),
        ("questionnaire", questionnaire.key),
        ("round", response.round_id),
        ("city", response.city.slug),
        ("exported_at", exported.isoformat(timespec="seconds")),
        ("header_row", header_row),
    ):
        meta.append([key, item])
    meta.append([])
    meta.append(["question", "revision", "state"])
    for item in meta_answers:
        meta.append(item)
    meta.protection.sheet = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_letter(key: str) -> str:
    return get_column_letter(_COLUMN_INDEX[key] + 1)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _add_validation(
    info: QuestionInfo,
    ref: str,
    validations: dict[tuple[str, ...], DataValidation],
    number_checks: dict[str, DataValidation],
) -> None:
    """Drop-down lists on single-choice cells; range checks on number cells that take no n/a."""
    if info.type in ("single_choice", "yes_no"):
        items = tuple(
            [o.id for o in info.question.options] + ([NOT_APPLICABLE] if info.question.allow_na else [])
        )
        formula = '"' + ",".join(items) + '"'
        if len(formula) > _MAX_LIST_FORMULA or any("," in item or '"' in item for item in items):
            return
        if items not in validations:
            validations[items] = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Not an answer to this question"),
                error=_("Choose one of the ids listed in Allowed answers."),
            )
        validations[items].add(ref)
        return
    if info.question.allow_na or info.type not in ("number", "percentage", "year"):
        return
    if info.type not in number_checks:
        if info.type == "year":
            check = DataValidation(type="whole", operator="between", formula1="1800", formula2="2100")
            check.error = _("Write a year with four digits, e.g. 2024.")
        elif info.type == "percentage":
            check = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
            check.error = _("A percentage is between 0 and 100.")
        else:
            check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            check.error = _("Write a number, 0 or more.")
        check.allow_blank = True
        check.showErrorMessage = True
        number_checks[info.type] = check
    number_checks[info.type].add(ref)


def response_xlsx_filename(response: Response) -> str:
    return f"icc-index-{response.city.slug}-{response.round.questionnaire.key}-{response.pk}.xlsx"
