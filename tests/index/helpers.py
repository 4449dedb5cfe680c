"""Helpers for tests that need answered, submitted, validated responses of the example questionnaire."""

import json
from pathlib import Path
from typing import Any

from icc.index.models import Response
from icc.index.services import review
from icc.index.services.responses import answer_save, response_submit

DATA = Path(__file__).parent / "data"
ANSWERS: dict[str, dict[str, Any]] = {
    r["city"]: r["answers"] for r in json.loads((DATA / "responses.json").read_text())["responses"]
}


def fill_and_submit(response: Response, answers: str | dict[str, Any]) -> Response:
    """Answer every question (the example answers of a city by name, or a dict) and submit."""
    for question, value in (ANSWERS[answers] if isinstance(answers, str) else answers).items():
        answer_save(response=response, question=question, value=value, by=None, check_access=False)
    return response_submit(response=response, by=None)


def validate(response: Response, by: Any, capture: Any) -> Response:
    """Validate as `by`, running the on-commit score computation as production would."""
    with capture(execute=True):
        return review.response_validate(response=response, by=by)
