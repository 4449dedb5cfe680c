"""The questionnaire versions the public may read: those of rounds whose results are published."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from icc.index.models import Questionnaire, Round
from icc.index.selectors.publication import published_rounds
from icc.index.selectors.questionnaires import QuestionnairePage, questionnaire_page
from icc.index.structure import structure_of


@dataclass(frozen=True)
class PublicVersion:
    questionnaire: Questionnaire
    title: str
    label: str
    area_count: int
    scored_question_count: int
    rounds: list[Round]  # its published rounds, newest first


def _published_questionnaires() -> list[Questionnaire]:
    rounds = published_rounds().order_by("-opens_on", "-pk")
    return list(
        Questionnaire.objects.filter(pk__in=rounds.values("questionnaire"))
        .prefetch_related(Prefetch("rounds", queryset=rounds, to_attr="published_rounds"))
        .order_by("-published", "key")
    )


def public_versions() -> list[PublicVersion]:
    """The versions used by published rounds, newest first. Two queries."""
    versions = []
    for questionnaire in _published_questionnaires():
        structure = structure_of(questionnaire)
        versions.append(
            PublicVersion(
                questionnaire=questionnaire,
                title=questionnaire.display_title,
                label=str(questionnaire),
                area_count=len(structure.areas),
                scored_question_count=sum(1 for q in structure.all_questions() if q.scored),
                rounds=list(questionnaire.published_rounds),  # type: ignore[attr-defined]
            )
        )
    return versions


def public_version_keys() -> list[str]:
    return [q.key for q in _published_questionnaires()]


@dataclass
class PublicQuestionnairePage:
    page: QuestionnairePage  # the Index app's readable version (areas, questions, options, points)
    rounds: list[Round]  # its published rounds only
    public_keys: set[str]  # other versions the public may read (for the comparisons' links)


def public_questionnaire_page(key: str, *, language: str) -> PublicQuestionnairePage:
    """A version used by a published round, in the reader's language; 404 for any other."""
    questionnaires = {q.key: q for q in _published_questionnaires()}
    questionnaire = questionnaires.get(key)
    if questionnaire is None:
        raise Http404("No published questionnaire version with this key.")
    return PublicQuestionnairePage(
        page=questionnaire_page(questionnaire, language=language),
        rounds=list(questionnaire.published_rounds),  # type: ignore[attr-defined]
        public_keys=set(questionnaires),
    )
