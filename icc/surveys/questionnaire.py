"""A residents' questionnaire as data (pure, no Django): the Index interchange format (id, title,
version_label, published, areas with questions, texts as maps of language to text) with the survey keys
documented in docs/surveys.md. `parse_questionnaire` validates a document (read by the Index's reader,
icc.index.files.load_document) and returns every problem at once, each naming the question and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from icc.surveys.statistics import DONT_KNOW

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
CHOICE_TYPES = ("likert", "single_choice", "yes_no")
# Demographic questions: fixed options, so that weighting and breakdowns read them the same in every city.
DEMOGRAPHIC_OPTIONS: dict[str, list[tuple[str, dict[str, str]]]] = {
    "age_band": [
        ("16-29", {"en": "16 to 29", "fr": "16 à 29 ans"}),
        ("30-44", {"en": "30 to 44", "fr": "30 à 44 ans"}),
        ("45-64", {"en": "45 to 64", "fr": "45 à 64 ans"}),
        ("65+", {"en": "65 or over", "fr": "65 ans ou plus"}),
    ],
    "gender": [
        ("woman", {"en": "Woman", "fr": "Femme"}),
        ("man", {"en": "Man", "fr": "Homme"}),
        ("other", {"en": "Another gender", "fr": "Autre genre"}),
    ],
    "born_abroad": [
        ("yes", {"en": "Yes", "fr": "Oui"}),
        ("no", {"en": "No", "fr": "Non"}),
    ],
    "years_in_city": [
        ("lt2", {"en": "Less than 2 years", "fr": "Moins de 2 ans"}),
        ("2-5", {"en": "2 to 5 years", "fr": "2 à 5 ans"}),
        ("5-10", {"en": "5 to 10 years", "fr": "5 à 10 ans"}),
        ("10+", {"en": "10 years or more", "fr": "10 ans ou plus"}),
    ],
}
AGE_BANDS = tuple(option for option, _label in DEMOGRAPHIC_OPTIONS["age_band"])
GENDERS = ("woman", "man")  # the genders a population structure gives; "other" answers are not raked
DONT_KNOW_LABEL = {"en": "Don't know", "fr": "Je ne sais pas"}


def text_in(text: Any, language: str) -> str:
    """A text of the file in `language`, else English, else any."""
    if isinstance(text, Mapping):
        return str(text.get(language) or text.get("en") or next(iter(text.values()), ""))
    return str(text or "")


@dataclass(frozen=True)
class Option:
    id: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    type: str
    text: Mapping[str, str]
    options: tuple[Option, ...]
    dont_know: bool = False
    positive: tuple[str, ...] = ()
    index_questions: tuple[str, ...] = ()
    show_if: tuple[str, tuple[str, ...]] | None = None

    @property
    def demographic(self) -> bool:
        return self.type in DEMOGRAPHIC_OPTIONS

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def accepts(self, value: str) -> bool:
        return value in self.option_ids or (self.dont_know and value == DONT_KNOW)

    def label(self, value: str, language: str) -> str:
        if value == DONT_KNOW:
            return text_in(DONT_KNOW_LABEL, language)
        for option in self.options:
            if option.id == value:
                return text_in(option.label, language)
        return value


@dataclass(frozen=True)
class Area:
    id: str
    title: Mapping[str, str]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class SurveyQuestionnaire:
    id: str
    title: Mapping[str, str]
    version_label: Mapping[str, str]
    languages: tuple[str, ...]
    areas: tuple[Area, ...]

    @property
    def questions(self) -> list[Question]:
        return [q for a in self.areas for q in a.questions]

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    def demographic(self, kind: str) -> Question | None:
        for q in self.questions:
            if q.type == kind:
                return q
        return None


class QuestionnaireError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _text(value: Any, what: str, problems: list[str], languages: set[str]) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        problems.append(f"{what}: give a map of language code to text such as {{en: ..., fr: ...}}")
        return {}
    for language, text in value.items():
        if not isinstance(language, str) or not LANGUAGE_RE.match(language):
            problems.append(f"{what}: {language!r} is not a language code (en, fr, pt-br)")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{what} in {language} must be a non-empty text")
        else:
            languages.add(language)
    if "en" not in value:
        problems.append(f"{what} has no English version: add en")
    return {str(k): str(v) for k, v in value.items()}


def parse_questionnaire(doc: Any) -> SurveyQuestionnaire:
    """Validate a residents' questionnaire document; raise QuestionnaireError with every problem."""
    problems: list[str] = []
    if not isinstance(doc, Mapping):
        raise QuestionnaireError(["the questionnaire must be an object with id, title and areas"])
    key = doc.get("id")
    if not isinstance(key, str) or not KEY_RE.match(key):
        problems.append('"id" must be at most 60 lower-case letters, digits, hyphens or underscores')
        key = ""
    languages: set[str] = set()
    title = _text(doc.get("title"), "title", problems, languages)
    label = _text(doc.get("version_label") or doc.get("title"), "version_label", problems, set())
    scales: dict[str, list[Option]] = {}
    for name, options in (doc.get("scales") or {}).items():
        if not isinstance(options, list) or len(options) != 5:
            problems.append(f"scale {name}: a Likert scale has exactly 5 labelled points")
            continue
        scales[name] = [
            Option(str(o.get("id")), _text(o.get("label"), f"scale {name} point {i}", problems, set()))
            for i, o in enumerate(options, start=1)
            if isinstance(o, Mapping)
        ]
    areas: list[Area] = []
    seen: set[str] = set()
    areas_doc = doc.get("areas")
    if not isinstance(areas_doc, list) or not areas_doc:
        problems.append('"areas" must be a non-empty list')
        areas_doc = []
    for i, area_doc in enumerate(areas_doc, start=1):
        if not isinstance(area_doc, Mapping) or not area_doc.get("id"):
            problems.append(f"area #{i} must be an object with an id")
            continue
        area_id = str(area_doc["id"])
        area_title = _text(area_doc.get("title"), f"area {area_id}: title", problems, set())
        questions = []
        for j, qdoc in enumerate(area_doc.get("questions") or [], start=1):
            question = _question(qdoc, area_id, j, scales, seen, problems, languages)
            if question is not None:
                questions.append(question)
        areas.append(Area(area_id, area_title, tuple(questions)))
    kinds = [q.type for a in areas for q in a.questions if q.demographic]
    for kind in set(kinds):
        if kinds.count(kind) > 1:
            problems.append(f"the demographic question type {kind} is given twice: keep one")
    if problems:
        raise QuestionnaireError(problems)
    return SurveyQuestionnaire(
        key, title, label, tuple(sorted(languages, key=lambda x: (x != "en", x))), tuple(areas)
    )


def _question(
    doc: Any,
    area_id: str,
    index: int,
    scales: Mapping[str, list[Option]],
    seen: set[str],
    problems: list[str],
    languages: set[str],
) -> Question | None:
    if not isinstance(doc, Mapping) or not isinstance(doc.get("id"), str) or not doc.get("id"):
        problems.append(f"area {area_id}, question #{index}: give it an id")
        return None
    qid = str(doc["id"])
    where = f"question {qid}"
    if qid in seen:
        problems.append(f"{where}: duplicate id")
    seen.add(qid)
    qtype = doc.get("type")
    text = _text(doc.get("text"), f"{where}: text", problems, languages)
    options: list[Option] = []
    if qtype == "likert":
        scale = doc.get("scale")
        if isinstance(scale, str) and scale in scales:
            options = scales[scale]
        elif isinstance(doc.get("options"), list) and len(doc["options"]) == 5:
            options = [Option(str(o.get("id")), dict(o.get("label") or {})) for o in doc["options"]]
        else:
            problems.append(
                f"{where}: a likert question names a scale of 5 points (scales: ...) or gives 5 options"
            )
    elif qtype in ("single_choice", "yes_no"):
        raw = doc.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            problems.append(f"{where}: a {qtype} question needs at least two options")
        else:
            for o in raw:
                if not isinstance(o, Mapping) or not o.get("id"):
                    problems.append(f"{where}: each option needs an id and a label")
                    continue
                options.append(
                    Option(str(o["id"]), _text(o.get("label"), f"{where}, option {o['id']}", problems, set()))
                )
        if qtype == "yes_no" and {o.id for o in options} != {"yes", "no"}:
            problems.append(f"{where}: a yes_no question has exactly the options yes and no")
    elif qtype in DEMOGRAPHIC_OPTIONS:
        options = [Option(o, label) for o, label in DEMOGRAPHIC_OPTIONS[str(qtype)]]
    else:
        known = ", ".join([*CHOICE_TYPES, *DEMOGRAPHIC_OPTIONS])
        problems.append(f"{where}: unknown type {qtype!r}; use one of {known}")
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        problems.append(f"{where}: duplicate option ids")
    if DONT_KNOW in ids:
        problems.append(f'{where}: "{DONT_KNOW}" is reserved; set dont_know: true instead')
    dont_know = doc.get("dont_know", False)
    if not isinstance(dont_know, bool):
        problems.append(f"{where}: dont_know must be true or false")
        dont_know = False
    positive = tuple(str(p) for p in doc.get("positive") or [])
    for p in positive:
        if p not in ids:
            problems.append(f"{where}: positive names {p!r}, which is not one of its options")
    index_questions = doc.get("index_questions") or []
    if not isinstance(index_questions, list) or not all(isinstance(x, str) for x in index_questions):
        problems.append(
            f"{where}: index_questions is a list of Index question ids such as commitment.strategy"
        )
        index_questions = []
    show_if = None
    condition = doc.get("show_if")
    if condition is not None:
        if not isinstance(condition, Mapping) or condition.get("question") not in seen - {qid}:
            problems.append(
                f"{where}: show_if names an earlier question: {{question: <id>, in: [<option ids>]}}"
            )
        else:
            show_if = (str(condition["question"]), tuple(str(x) for x in condition.get("in") or []))
    return Question(
        id=qid,
        area=area_id,
        type=str(qtype),
        text=text,
        options=tuple(options),
        dont_know=dont_know,
        positive=positive,
        index_questions=tuple(index_questions),
        show_if=show_if,
    )


def answer_problems(questionnaire: SurveyQuestionnaire, answers: Mapping[str, Any]) -> dict[str, str]:
    """Per question id, what is wrong with an answer (an unknown question or option)."""
    problems: dict[str, str] = {}
    for qid, value in answers.items():
        question = questionnaire.question(qid)
        if question is None:
            problems[qid] = f"unknown question {qid!r}"
        elif value not in (None, "") and not question.accepts(str(value)):
            allowed = ", ".join([*question.option_ids, *([DONT_KNOW] if question.dont_know else [])])
            problems[qid] = f"{value!r} is not an answer to {qid}; use one of {allowed}"
    return problems
