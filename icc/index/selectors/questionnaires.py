"""Reads of questionnaire versions: the list, one version as readers see it, and comparable areas."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from icc.index.models import Questionnaire, Round, localized
from icc.index.structure import QuestionInfo, structure_of

DATA_TYPE_LABELS = {
    "fact": _("Fact (not scored)"),
    "input": _("Input: what the city does"),
    "impact": _("Impact: what results"),
}
ANSWER_TYPE_LABELS = {
    "single_choice": _("One choice"),
    "multiple_choice": _("Several choices"),
    "yes_no": _("Yes or no"),
    "number": _("Number"),
    "percentage": _("Percentage"),
    "text": _("Text"),
    "year": _("Year"),
}
QUESTION_TEXT_KEYS = ("text", "help", "evidence_prompt", "recommendation")


def _number(value: float) -> str:
    """1 as "1", 1.5 as "1.5" (or "1,5"): in the reader's language, without invented decimals."""
    return number_format(int(value) if float(value).is_integer() else value, use_l10n=True)


def _rounds_prefetch() -> Prefetch[Any]:
    return Prefetch("rounds", queryset=Round.objects.order_by("-opens_on"))


# --------------------------------------------------------------------------------------------------
# Comparable areas between versions


def _declared(document: Mapping[str, Any], other_key: str) -> dict[str, str]:
    mapping = document.get("comparable_with")
    areas = mapping.get(other_key) if isinstance(mapping, Mapping) else None
    if not isinstance(areas, Mapping):
        return {}
    return {str(own): theirs for own, theirs in areas.items() if isinstance(theirs, str)}


def _area_ids(questionnaire: Questionnaire) -> list[str]:
    return [str(a.get("id")) for a in questionnaire.document.get("areas", []) if isinstance(a, Mapping)]


def comparable_areas(newer: Questionnaire, older: Questionnaire) -> dict[str, str]:
    """{area of `newer`: the comparable area of `older`}, from the `comparable_with` of either version
    (the newer's mapping when both declare one). Areas missing from either version are left out."""
    pairs = _declared(newer.document, older.key)
    if not pairs:
        pairs = {}
        for old_area, new_area in _declared(older.document, newer.key).items():
            pairs.setdefault(new_area, old_area)
    new_areas, old_areas = set(_area_ids(newer)), set(_area_ids(older))
    ordered = [a for a in _area_ids(newer) if a in pairs]
    return {a: pairs[a] for a in ordered if a in new_areas and pairs[a] in old_areas}


# --------------------------------------------------------------------------------------------------
# The list of versions


@dataclass(frozen=True)
class VersionRow:
    questionnaire: Questionnaire
    title: str
    label: str
    area_count: int
    optional_area_count: int
    scored_question_count: int
    rounds: list[Round]

    @property
    def frozen(self) -> bool:
        return bool(self.rounds)


def questionnaire_rows() -> list[VersionRow]:
    """Every version, newest first, with its size and the rounds that use it (two queries)."""
    rows = []
    for questionnaire in Questionnaire.objects.prefetch_related(_rounds_prefetch()):
        structure = structure_of(questionnaire)
        rows.append(
            VersionRow(
                questionnaire=questionnaire,
                title=questionnaire.display_title,
                label=str(questionnaire),
                area_count=len(structure.areas),
                optional_area_count=sum(1 for a in structure.areas if a.optional),
                scored_question_count=sum(1 for q in structure.all_questions() if q.scored),
                rounds=list(questionnaire.rounds.all()),
            )
        )
    return rows


# --------------------------------------------------------------------------------------------------
# One version, readable


@dataclass(frozen=True)
class OptionView:
    id: str
    label: str
    points: str
    scored: bool


@dataclass(frozen=True)
class QuestionView:
    id: str
    number: str
    text: str
    data_type: str
    data_type_label: str
    type_label: str
    scored: bool
    allow_na: bool
    options: list[OptionView]
    max_points: str | None
    help: str
    evidence_prompt: str
    recommendation: str
    condition: str  # the display condition in words; "" when always asked
    condition_question: str | None


@dataclass(frozen=True)
class AreaView:
    id: str
    number: int
    title: str
    weight: str
    optional: bool
    groups: list[str]
    questions: list[QuestionView]
    scored_count: int


@dataclass(frozen=True)
class GroupView:
    id: str
    title: str
    areas: list[tuple[str, str]]  # (area id, title)
    # a group over questions (the gender lens): (question id, "number text"), and `areas` those they are in
    questions: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class LanguageView:
    code: str
    name: str
    complete: bool
    on_site: bool  # the site can be switched to it
    current: bool


@dataclass(frozen=True)
class Comparison:
    other: Questionnaire
    other_is_older: bool
    pairs: list[tuple[str, str]]  # (title of the area here, title of the comparable area there)
    without: list[str]  # titles of the areas here with no comparable area there


@dataclass
class QuestionnairePage:
    questionnaire: Questionnaire
    title: str
    label: str
    areas: list[AreaView]
    groups: list[GroupView]
    languages: list[LanguageView]
    comparisons: list[Comparison]
    rounds: list[Round]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def frozen(self) -> bool:
        return bool(self.rounds)


def _text_maps(document: Mapping[str, Any]) -> Iterable[Any]:
    yield document.get("title")
    if "version_label" in document:
        yield document["version_label"]
    for group in document.get("groups", []) or []:
        yield group.get("title")
    for area in document.get("areas", []) or []:
        yield area.get("title")
        for question in area.get("questions", []) or []:
            for key in QUESTION_TEXT_KEYS:
                if key in question:
                    yield question[key]
            for option in question.get("options", []) or []:
                yield option.get("label")


def _languages(document: Mapping[str, Any], current: str) -> list[LanguageView]:
    maps = [m for m in _text_maps(document) if isinstance(m, Mapping)]
    codes: list[str] = []
    for texts in maps:
        codes += [code for code in texts if code not in codes]
    site = {code for code, _name in settings.LANGUAGES}
    views = []
    for code in codes:
        try:
            name = str(get_language_info(code)["name_local"]).capitalize()
        except KeyError:
            name = code
        views.append(
            LanguageView(
                code=code,
                name=name,
                complete=all(texts.get(code) for texts in maps),
                on_site=code in site,
                current=code == current,
            )
        )
    return sorted(views, key=lambda v: (v.code != "en", v.code))


def _condition(
    question: QuestionInfo, questions: Mapping[str, QuestionInfo], numbers: Mapping[str, str]
) -> str:
    condition = question.show_if
    if not condition:
        return ""
    target = questions.get(str(condition.get("question")))
    if target is None:
        return gettext("Asked only under a condition on question %(id)s.") % {"id": condition.get("question")}
    labels = [f"“{target.option_label(str(v))}”" for v in condition.get("in") or []]
    return gettext("Asked only when the answer to question %(number)s (“%(text)s”) is %(options)s.") % {
        "number": numbers[target.id],
        "text": target.text(),
        "options": get_text_list(labels),  # "a, b or c" in the reader's language
    }


def _question_view(
    question: QuestionInfo, number: str, questions: Mapping[str, QuestionInfo], numbers: Mapping[str, str]
) -> QuestionView:
    parsed = question.question
    max_points = None
    if parsed.type == "multiple_choice" and parsed.scored:
        max_points = _number(parsed.cap)
    return QuestionView(
        id=question.id,
        number=number,
        text=question.text() or question.id,
        data_type=parsed.data_type,
        data_type_label=str(DATA_TYPE_LABELS.get(parsed.data_type, parsed.data_type)),
        type_label=str(ANSWER_TYPE_LABELS.get(parsed.type, parsed.type)),
        scored=parsed.scored,
        allow_na=parsed.allow_na,
        options=[
            OptionView(id=oid, label=label, points=_number(points), scored=parsed.scored)
            for oid, label, points in question.options()
        ],
        max_points=max_points,
        help=question.help(),
        evidence_prompt=question.evidence_prompt(),
        recommendation=question.recommendation(),
        condition=_condition(question, questions, numbers),
        condition_question=str(question.show_if.get("question")) if question.show_if else None,
    )


def _comparisons(questionnaire: Questionnaire, titles: Mapping[str, str]) -> list[Comparison]:
    comparisons = []
    others = Questionnaire.objects.exclude(pk=questionnaire.pk).order_by("-published", "key")
    for other in others:
        other_is_older = (other.published, other.key) <= (questionnaire.published, questionnaire.key)
        if other_is_older:
            mapping = comparable_areas(questionnaire, other)
        else:
            mapping = {}
            for here, there in comparable_areas(other, questionnaire).items():
                mapping.setdefault(there, here)
        if not mapping:
            continue
        other_titles = {
            a["id"]: localized(a.get("title")) or a["id"] for a in other.document.get("areas", [])
        }
        comparisons.append(
            Comparison(
                other=other,
                other_is_older=other_is_older,
                pairs=[(titles[a], other_titles[mapping[a]]) for a in titles if a in mapping],
                without=[title for a, title in titles.items() if a not in mapping],
            )
        )
    return comparisons


def get_questionnaire(key: str) -> Questionnaire:
    questionnaire = Questionnaire.objects.prefetch_related(_rounds_prefetch()).filter(key=key).first()
    if questionnaire is None:
        raise Http404("No such questionnaire version.")
    return questionnaire


def questionnaire_page(questionnaire: Questionnaire, *, language: str) -> QuestionnairePage:
    """A version in the reader's language: areas, groups, every question with its options, points and
    texts, display conditions in words, and the areas comparable with other versions."""
    structure = structure_of(questionnaire)
    document = questionnaire.document
    questions = {q.id: q for q in structure.all_questions()}
    numbers = {
        q.id: f"{i}.{j}"
        for i, area in enumerate(structure.areas, start=1)
        for j, q in enumerate(area.questions, 1)
    }
    group_titles: dict[str, list[str]] = {}
    groups = []
    titles = {area.id: area.title() for area in structure.areas}
    for group in document.get("groups", []) or []:
        title = localized(group.get("title")) or group["id"]
        members = [questions[q] for q in group.get("questions", []) if q in questions]
        if members:  # a group over questions: the areas its questions are in
            area_ids = list(dict.fromkeys(q.question.area for q in members))
            listed = [(q.id, f"{numbers[q.id]} {q.text()}") for q in members]
            groups.append(GroupView(group["id"], title, [(a, titles[a]) for a in area_ids], listed))
            continue
        groups.append(GroupView(id=group["id"], title=title, areas=[(a, titles[a]) for a in group["areas"]]))
        for area_id in group["areas"]:
            group_titles.setdefault(area_id, []).append(title)
    areas = [
        AreaView(
            id=area.id,
            number=i,
            title=titles[area.id],
            weight=_number(area.area.weight),
            optional=area.optional,
            groups=group_titles.get(area.id, []),
            questions=[_question_view(q, numbers[q.id], questions, numbers) for q in area.questions],
            scored_count=sum(1 for q in area.questions if q.scored),
        )
        for i, area in enumerate(structure.areas, start=1)
    ]
    all_questions = list(questions.values())
    return QuestionnairePage(
        questionnaire=questionnaire,
        title=questionnaire.display_title,
        label=str(questionnaire),
        areas=areas,
        groups=groups,
        languages=_languages(document, language),
        comparisons=_comparisons(questionnaire, titles),
        rounds=list(questionnaire.rounds.all()),
        counts={
            "areas": len(areas),
            "questions": len(all_questions),
            "scored": sum(1 for q in all_questions if q.scored),
            "facts": sum(1 for q in all_questions if q.question.data_type == "fact"),
        },
    )
