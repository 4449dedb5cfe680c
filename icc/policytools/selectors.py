"""Reads of the policy self-assessment tools. Access is decided here, once:

- the secretariat reads every assessment (and the overview), but fills in none;
- the coordinators and contributors of a city read and fill in their city's assessments; its coordinators
  complete them;
- anybody else does not know a city's assessment exists (404);
- published checklist versions are public (the API lists them); the business tool is public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet
from django.http import Http404
from django.utils import timezone

from icc.accounts.rules import is_secretariat as is_secretariat
from icc.accounts.rules import require_secretariat as require_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries
from icc.index.models import localized
from icc.network.models import City
from icc.policytools import checklist_format, scoring
from icc.policytools.models import Assessment, AssessmentStatus, Audience, BusinessAssessment, Checklist

# --------------------------------------------------------------------------------------------- programme


def first_completed_assessment_on() -> datetime.date | None:
    """The date the first city completed a policy self-assessment ("policy tools piloted"), or None."""
    first = Assessment.objects.filter(
        status=AssessmentStatus.COMPLETED, completed_at__isnull=False
    ).aggregate(first=Min("completed_at"))["first"]
    return timezone.localdate(first) if first is not None else None


# --------------------------------------------------------------------------------------------- access


@dataclass(frozen=True)
class AssessmentAccess:
    secretariat: bool = False
    city_person: bool = False
    coordinator: bool = False

    @property
    def can_read(self) -> bool:
        return self.secretariat or self.city_person

    @property
    def can_answer(self) -> bool:
        return self.city_person

    @property
    def can_complete(self) -> bool:
        return self.coordinator


def city_access(user: Any, city_id: int) -> AssessmentAccess:
    summary = user_roles_summary(user)
    if not summary.authenticated:
        return AssessmentAccess()
    return AssessmentAccess(
        secretariat=summary.secretariat,
        city_person=city_id in summary.city_ids,
        coordinator=city_id in summary.coordinated_city_ids,
    )


def get_assessment_for_user(user: Any, pk: int) -> tuple[Assessment, AssessmentAccess]:
    """An assessment and what `user` may do with it; 404 when they may not know it exists."""
    assessment = Assessment.objects.select_related("city", "checklist").filter(pk=pk).first()
    if assessment is None or not user.is_authenticated:
        raise Http404("No such assessment.")
    access = city_access(user, assessment.city_id)
    if not access.can_read:
        raise Http404("No such assessment.")
    return assessment, access


def cities_of(user: Any) -> QuerySet[City]:
    """The cities whose assessments `user` fills in."""
    return City.objects.filter(pk__in=user_roles_summary(user).city_ids).order_by("name")


def may_use_tools(user: Any) -> bool:
    summary = user_roles_summary(user)
    return summary.secretariat or bool(summary.city_ids)


# --------------------------------------------------------------------------------------------- checklists


def city_checklists() -> QuerySet[Checklist]:
    return Checklist.objects.public().filter(audience=Audience.CITY)


def get_checklist(key: str) -> Checklist:
    checklist = Checklist.objects.public().filter(key=key).first()
    if checklist is None:
        raise Http404("No such checklist.")
    return checklist


def business_checklist() -> Checklist:
    """The current diversity-advantage version (the latest published)."""
    checklist = (
        Checklist.objects.public().filter(audience=Audience.BUSINESS).order_by("-published", "-pk").first()
    )
    if checklist is None:
        raise Http404("The diversity-advantage tool is not loaded.")
    return checklist


# --------------------------------------------------------------------------------------------- assessments


def assessments_of_city(city: City) -> list[Assessment]:
    return list(Assessment.objects.filter(city=city).select_related("checklist").order_by("-created", "-pk"))


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    summary = user_roles_summary(user)
    assessments = Assessment.objects.select_related("city", "checklist")
    if summary.secretariat:
        return assessments
    return assessments.filter(city_id__in=summary.city_ids)


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The city's last completed assessment of the same policy field before this one (any version)."""
    earlier = Assessment.objects.filter(
        city_id=assessment.city_id,
        checklist__field=assessment.checklist.field,
        checklist__audience=assessment.checklist.audience,
        status=AssessmentStatus.COMPLETED,
    ).exclude(pk=assessment.pk)
    if assessment.completed_at is not None:
        earlier = earlier.filter(completed_at__lt=assessment.completed_at)
    return earlier.select_related("checklist").order_by("-completed_at", "-pk").first()


def profile_of(assessment: Assessment) -> scoring.Profile:
    return scoring.score(assessment.checklist.document, assessment.answers)


def progress_of(assessment: Assessment) -> tuple[Assessment | None, list[scoring.SectionChange]]:
    previous = previous_assessment(assessment)
    if previous is None:
        return None, []
    return previous, scoring.progress(profile_of(previous), profile_of(assessment))


def assessment_history(assessment: Assessment) -> list[HistoryEntry]:
    return history_entries(assessment)


@dataclass(frozen=True)
class OverviewRow:
    city: str
    checklist: str
    field: str
    status: str
    started: datetime.datetime
    completed_at: datetime.datetime | None
    overall: float | None
    gender: float | None
    pk: int


def overview_rows() -> list[OverviewRow]:
    """Which city used which checklist, and its scores (the secretariat's overview and its export)."""
    rows = Assessment.objects.select_related("city", "checklist").order_by(
        "city__name", "checklist__key", "-pk"
    )
    return [
        OverviewRow(
            city=a.city.name,
            checklist=str(a.checklist),
            field=a.checklist.field_title,
            status=a.get_status_display(),
            started=a.created,
            completed_at=a.completed_at,
            overall=a.overall,
            gender=a.gender_score,
            pk=a.pk,
        )
        for a in rows
    ]


# --------------------------------------------------------------------------------------------- businesses


def get_business_result(token: str) -> BusinessAssessment:
    result = (
        BusinessAssessment.objects.select_related("checklist").filter(token=token).first() if token else None
    )
    if result is None:
        raise Http404("No such saved result.")
    return result


# --------------------------------------------------------------------------------------------- presentation


@dataclass(frozen=True)
class QuestionRow:
    id: str
    number: int
    text: str
    grades: list[tuple[int, str]]
    points: int | None
    gender: bool
    weight: float
    index_questions: list[tuple[str, str]]
    recommendation: str

    @property
    def dom_id(self) -> str:
        return "q-" + self.id.replace(".", "-")

    @property
    def grade_label(self) -> str:
        return next((label for points, label in self.grades if points == self.points), "")


@dataclass(frozen=True)
class SectionRow:
    id: str
    title: str
    questions: list[QuestionRow]
    percent: float | None = None


def _index_links(ids: list[str]) -> list[tuple[str, str]]:
    from icc.practices.index_areas import index_question

    links = []
    for qid in ids:
        question = index_question(qid)
        links.append((qid, question.text if question else qid))
    return links


def checklist_rows(
    document: dict[str, Any], answers: dict[str, Any], profile: scoring.Profile | None = None
) -> list[SectionRow]:
    """The checklist's sections and questions in the reader's language, with the answers given."""
    rows = []
    number = 0
    for section in document.get("sections", []):
        questions = []
        for question in section.get("questions", []):
            number += 1
            grades = question.get("grades") or document.get("grades") or []
            questions.append(
                QuestionRow(
                    id=question["id"],
                    number=number,
                    text=localized(question.get("text")),
                    grades=[(int(g["points"]), localized(g.get("label"))) for g in grades],
                    points=scoring.clean_points(document, question, answers.get(question["id"])),
                    gender=bool(question.get("gender")),
                    weight=float(question.get("weight", 1)),
                    index_questions=_index_links(list(question.get("index_questions") or [])),
                    recommendation=localized(question.get("recommendation")),
                )
            )
        percent = profile.section_percents.get(section["id"]) if profile else None
        rows.append(
            SectionRow(
                id=section["id"], title=localized(section.get("title")), questions=questions, percent=percent
            )
        )
    return rows


def section_titles(document: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: localized(s.get("title")) for s in document.get("sections", [])}


@dataclass(frozen=True)
class GapRow:
    question: QuestionRow
    section: str
    gap: scoring.Gap


def gap_rows(document: dict[str, Any], answers: dict[str, Any], profile: scoring.Profile) -> list[GapRow]:
    by_id = {q.id: q for s in checklist_rows(document, answers) for q in s.questions}
    titles = section_titles(document)
    return [
        GapRow(question=by_id[g.question], section=titles.get(g.section, g.section), gap=g)
        for g in profile.gaps
    ]


def suggested_practices(document: dict[str, Any], profile: scoring.Profile, limit: int = 6) -> list[Any]:
    """Published practices that answer the gaps: first those linked to the gaps' Index questions or named by
    the checklist, then those of the gaps' Index areas; the heaviest gaps first. Two queries."""
    from icc.practices.models import Practice

    questions = {q["id"]: q for q in checklist_format.questions_of(document)}
    wanted_questions: list[str] = []
    wanted_areas: list[str] = []
    wanted_ids: list[int] = []
    for gap in profile.gaps:
        question = questions.get(gap.question, {})
        wanted_questions += [q for q in question.get("index_questions") or [] if q not in wanted_questions]
        wanted_areas += [a for a in question.get("index_areas") or [] if a not in wanted_areas]
        wanted_ids += [p for p in question.get("practices") or [] if p not in wanted_ids]
    if not (wanted_questions or wanted_areas or wanted_ids):
        return []
    practices = list(Practice.objects.public().select_related("city").order_by("-published_at", "pk"))

    def rank(practice: Any) -> tuple[int, int]:
        if practice.pk in wanted_ids:
            return (0, wanted_ids.index(practice.pk))
        hits = [wanted_questions.index(q) for q in practice.questions or [] if q in wanted_questions]
        if hits:
            return (1, min(hits))
        areas = [wanted_areas.index(a) for a in practice.areas or [] if a in wanted_areas]
        if areas:
            return (2, min(areas))
        return (3, 0)

    ranked = sorted(((rank(p), n, p) for n, p in enumerate(practices)), key=lambda item: (item[0], item[1]))
    return [p for r, _n, p in ranked if r[0] < 3][:limit]


def progress_rows(
    document: dict[str, Any], changes: list[scoring.SectionChange]
) -> list[tuple[str, scoring.SectionChange]]:
    titles = section_titles(document)
    return [(titles.get(c.id, c.id), c) for c in changes]
