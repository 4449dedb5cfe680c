"""A questionnaire version as the pages need it: areas and questions in order, with texts in the reader's
language, help, evidence prompt, recommendation and display condition (the extra keys of the format)."""

from dataclasses import dataclass
from typing import Any

from icc.index import scoring
from icc.index.models import Questionnaire, localized


@dataclass(frozen=True)
class QuestionInfo:
    question: scoring.Question
    doc: dict[str, Any]  # the question's own document, with every extra key

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def scored(self) -> bool:
        return self.question.scored

    def text(self, language: str | None = None) -> str:
        return localized(self.doc.get("text"), language)

    def help(self, language: str | None = None) -> str:
        return localized(self.doc.get("help"), language)

    def evidence_prompt(self, language: str | None = None) -> str:
        return localized(self.doc.get("evidence_prompt"), language)

    def recommendation(self, language: str | None = None) -> str:
        return localized(self.doc.get("recommendation"), language)

    def options(self, language: str | None = None) -> list[tuple[str, str, float]]:
        labels = {o.get("id"): o.get("label") for o in self.doc.get("options", []) or []}
        return [
            (o.id, localized(labels.get(o.id), language) or o.id, o.points) for o in self.question.options
        ]

    def option_label(self, option_id: str, language: str | None = None) -> str:
        for oid, label, _points in self.options(language):
            if oid == option_id:
                return label
        return option_id

    @property
    def show_if(self) -> dict[str, Any] | None:
        condition = self.doc.get("show_if")
        return condition if isinstance(condition, dict) else None


@dataclass(frozen=True)
class AreaInfo:
    area: scoring.Area
    doc: dict[str, Any]
    questions: tuple[QuestionInfo, ...]

    @property
    def id(self) -> str:
        return self.area.id

    def title(self, language: str | None = None) -> str:
        return localized(self.doc.get("title"), language) or self.area.id

    @property
    def optional(self) -> bool:
        return self.area.optional


@dataclass(frozen=True)
class Structure:
    key: str
    parsed: scoring.Questionnaire
    areas: tuple[AreaInfo, ...]

    def question(self, question_id: str) -> QuestionInfo:
        return self._questions()[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions()

    def area(self, area_id: str) -> AreaInfo:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def area_of(self, question_id: str) -> AreaInfo:
        for area in self.areas:
            if any(q.id == question_id for q in area.questions):
                return area
        raise KeyError(question_id)

    def _questions(self) -> dict[str, QuestionInfo]:
        return {q.id: q for area in self.areas for q in area.questions}

    def all_questions(self) -> list[QuestionInfo]:
        return [q for area in self.areas for q in area.questions]

    def is_shown(self, question: QuestionInfo, answers: dict[str, Any]) -> bool:
        """Whether a question applies given the answers so far (its display condition, if any)."""
        condition = question.show_if
        if not condition:
            return True
        parent_id = str(condition.get("question"))
        # A follow-up of a hidden follow-up is hidden too, as in scoring.
        if self.has_question(parent_id) and not self.is_shown(self.question(parent_id), answers):
            return False
        given = answers.get(parent_id)
        allowed = condition.get("in") or []
        if isinstance(given, list):
            return any(v in allowed for v in given)
        return given in allowed


# Parsed versions by (id, checksum): a changed document has another checksum, so it is never served stale.
_STRUCTURES: dict[tuple[str, str], Structure] = {}
_MAX_CACHED = 16


def structure_of(questionnaire: Questionnaire) -> Structure:
    """The parsed version. Its document is read only when the version is not cached yet, so hot paths
    (autosave) may load the questionnaire with its large document deferred."""
    cache_key = (questionnaire.key, questionnaire.source_sha256)
    structure = _STRUCTURES.get(cache_key)
    if structure is None:
        if len(_STRUCTURES) >= _MAX_CACHED:
            _STRUCTURES.pop(next(iter(_STRUCTURES)))
        structure = _STRUCTURES[cache_key] = _build(questionnaire.key, questionnaire.document)
    return structure


def _build(key: str, document: dict[str, Any]) -> Structure:
    parsed = scoring.parse_questionnaire(document)
    area_docs = {a["id"]: a for a in document.get("areas", [])}
    areas = []
    for area in parsed.areas:
        area_doc = area_docs.get(area.id, {})
        question_docs = {q["id"]: q for q in area_doc.get("questions", [])}
        areas.append(
            AreaInfo(
                area=area,
                doc=area_doc,
                questions=tuple(
                    QuestionInfo(question=q, doc=question_docs.get(q.id, {})) for q in area.questions
                ),
            )
        )
    return Structure(key=key, parsed=parsed, areas=tuple(areas))
