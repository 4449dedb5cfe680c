"""Offline work on a response (an XLSX workbook out, and back in) and a round's exports for analysts.

The workbook: sheet "Answers" has a header block (city, round, questionnaire version, export date,
instructions), then one row per question with the allowed answers and the current answer, explanation and
links, the three cells a department fills in. A hidden sheet "meta" names the response and the
questionnaire version, and keeps each answer's revision and a fingerprint of what was exported, so that an
import can tell a row the department left alone from one it changed, and neither overwrites an answer a
colleague changed online after the export nor goes unnoticed.

Import: `response_import_preview` checks the upload (type, size, that it is this response's workbook), keeps
it in the default storage under staging/index-imports behind a token (icc.core.staging) and checks every row
with the same rules as the web form (`clean_answer`, `clean_links`, the sections the person may answer). Every
bad cell is listed with its reference (F14). `response_import_apply` checks again inside one transaction and
saves each changed row through `answer_save`, so history and validation are those of the web form; if any row
fails nothing is written.

Rounds: `round_rows` (CSV and XLSX, one row per response, a column layout fixed by the questionnaire
version) and `round_interchange` (the interchange "Responses" JSON that the offline scorer reads).
"""

from icc.index.services.exchange.imports import (
    MAX_IMPORT_MB,
    MAX_IMPORT_ROWS,
    STAGING_AREA,
    AnswerChange,
    CellProblem,
    ImportAlreadyApplied,
    ImportPreview,
    ImportRejected,
    answer_display,
    import_applied,
    response_import_apply,
    response_import_preview,
    responses_fingerprint,
    staged_import_for_user,
)
from icc.index.services.exchange.rounds import (
    ROUND_FIXED_COLUMNS,
    export_value,
    round_export_filename,
    round_interchange,
    round_rows,
)
from icc.index.services.exchange.workbook import (
    ANSWERS_SHEET,
    META_SHEET,
    SHEET_COLUMNS,
    allowed_answers,
    answer_cell,
    response_to_xlsx,
    response_xlsx_filename,
)

__all__ = [
    "ANSWERS_SHEET",
    "MAX_IMPORT_MB",
    "MAX_IMPORT_ROWS",
    "META_SHEET",
    "ROUND_FIXED_COLUMNS",
    "SHEET_COLUMNS",
    "STAGING_AREA",
    "AnswerChange",
    "CellProblem",
    "ImportAlreadyApplied",
    "ImportPreview",
    "ImportRejected",
    "allowed_answers",
    "answer_cell",
    "answer_display",
    "export_value",
    "import_applied",
    "response_import_apply",
    "response_import_preview",
    "response_to_xlsx",
    "response_xlsx_filename",
    "responses_fingerprint",
    "round_export_filename",
    "round_interchange",
    "round_rows",
    "staged_import_for_user",
]
