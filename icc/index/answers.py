"""What an answer may be, per question type (pure; shared by the web form, XLSX import and the API).

Values follow the interchange format: an option id, a list of option ids, a number, a text, a year,
or "n/a" where the question allows it. None means unanswered.
"""

import math
from typing import Any

from django.utils.translation import gettext as _

from icc.core.text import text_problem
from icc.index.scoring import Question

NOT_APPLICABLE = "n/a"
MAX_TEXT = 5000


class AnswerError(ValueError):
    """The message says what is wrong and how to fix it."""


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        text = text.replace(",", "")
        value = float(text)
    if not math.isfinite(value):
        raise ValueError
    return value


def clean_answer(question: Question, raw: Any) -> Any:
    """The stored value for `raw`, or AnswerError. Empty input (None, "", []) means unanswered: None."""
    if raw is None or raw == "" or (isinstance(raw, list) and not raw and question.type != "multiple_choice"):
        return None
    if raw == NOT_APPLICABLE or (isinstance(raw, list) and raw == [NOT_APPLICABLE]):
        if question.allow_na:
            return NOT_APPLICABLE
        raise AnswerError(_("“Not applicable” is not allowed for this question; choose one of the answers."))
    option_ids = [o.id for o in question.options]
    kind = question.type
    if kind in ("single_choice", "yes_no"):
        if isinstance(raw, list):
            if len(raw) != 1:
                raise AnswerError(_("Choose exactly one answer."))
            raw = raw[0]
        if str(raw) not in option_ids:
            raise AnswerError(
                _("“%(value)s” is not an answer to this question. Choose one of: %(options)s.")
                % {"value": raw, "options": ", ".join(option_ids)}
            )
        return str(raw)
    if kind == "multiple_choice":
        values = raw if isinstance(raw, list) else [v.strip() for v in str(raw).split(",") if v.strip()]
        unknown = [str(v) for v in values if str(v) not in option_ids]
        if unknown:
            raise AnswerError(
                _("“%(value)s” is not an answer to this question. Choose among: %(options)s.")
                % {"value": ", ".join(unknown), "options": ", ".join(option_ids)}
            )
        return [oid for oid in option_ids if oid in {str(v) for v in values}]
    if kind in ("number", "percentage", "year"):
        try:
            value = _number(raw)
        except (TypeError, ValueError):
            raise AnswerError(
                _("“%(value)s” is not a number; write digits only, e.g. 12.5.") % {"value": raw}
            ) from None
        if kind == "percentage" and not 0 <= value <= 100:
            raise AnswerError(_("A percentage is between 0 and 100; %(value)s is not.") % {"value": raw})
        if kind == "year":
            if not value.is_integer() or not 1800 <= value <= 2100:
                raise AnswerError(_("Write a year with four digits, e.g. 2024."))
            return int(value)
        if value < 0:
            raise AnswerError(_("The number cannot be negative."))
        return int(value) if value.is_integer() else value
    if kind == "text":
        if isinstance(raw, list | dict):
            raise AnswerError(_("Write the answer as text."))
        text = str(raw).strip()
        if problem := text_problem(text):
            raise AnswerError(problem)
        if len(text) > MAX_TEXT:
            raise AnswerError(_("The text is too long: at most %(n)s characters.") % {"n": MAX_TEXT})
        return text or None
    raise AnswerError(_("This question cannot be answered here."))


def clean_links(raw: Any) -> list[str]:
    """Evidence links: one per line or a list; each must be an http(s) address. An address written as
    people often do, "www.example.org/page", is read as https://www.example.org/page."""
    items = raw if isinstance(raw, list) else str(raw or "").splitlines()
    links = []
    for item in items:
        link = str(item).strip()
        if not link:
            continue
        if problem := text_problem(link, multiline=False):
            raise AnswerError(problem)
        if link.lower().startswith("www."):
            link = "https://" + link
        if not (link.startswith("http://") or link.startswith("https://")) or " " in link:
            raise AnswerError(
                _("“%(link)s” is not a web address; links start with https:// (one per line).")
                % {"link": link}
            )
        links.append(link[:500])
    if len(links) > 20:
        raise AnswerError(_("Give at most 20 links."))
    return links
