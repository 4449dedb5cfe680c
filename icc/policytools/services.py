"""Writes of the policy self-assessment tools: loading checklist versions, a city's assessment (start,
autosaved answers, completion) and a business's saved result (save with consent, erase)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.index.files import DocumentError, load_document
from icc.index.services.questionnaires import SHIPPED_DIR
from icc.network.models import City
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify
from icc.policytools import checklist_format, scoring
from icc.policytools.models import (
    Assessment,
    AssessmentStatus,
    Audience,
    BusinessAssessment,
    Checklist,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# --------------------------------------------------------------------------------------------- checklists


def index_question_ids() -> set[str]:
    """Every question id of the shipped Index questionnaire versions: what a checklist may link to."""
    ids: set[str] = set()
    for path in sorted(SHIPPED_DIR.glob("*.yaml")):
        document = load_document(path)
        for area in document.get("areas", []):
            ids.update(q["id"] for q in area.get("questions", []) or [])
    return ids


@dataclass(frozen=True)
class LoadResult:
    checklist: Checklist
    outcome: str  # created, updated or unchanged


def checklist_load(
    *, document: Mapping[str, Any], known_index_questions: Iterable[str] | None = None
) -> LoadResult:
    """Load (or update) one checklist version from its document. Idempotent; a version that a city has
    already answered is frozen: a change to it is refused (publish a new version under a new id)."""
    try:
        valid = checklist_format.validate(dict(document), known_index_questions=known_index_questions)
    except checklist_format.ChecklistFormatError as error:
        raise ValidationError({"document": error.errors}) from error
    text = json.dumps(valid, sort_keys=True, ensure_ascii=False, default=str)
    checksum = hashlib.sha256(text.encode()).hexdigest()
    stored = json.loads(text)
    values = {
        "field": valid["field"],
        "audience": valid.get("audience", Audience.CITY),
        "title": valid["title"],
        "version_label": valid["version_label"],
        "published": datetime.date.fromisoformat(str(valid["published"])) if valid.get("published") else None,
        "document": stored,
        "source_sha256": checksum,
    }
    with transaction.atomic():
        existing = Checklist.objects.select_for_update().filter(key=valid["id"]).first()
        if existing is None:
            checklist = Checklist(key=valid["id"], **values)
            checklist.full_clean()
            checklist.save()
            return LoadResult(checklist, "created")
        if existing.source_sha256 == checksum:
            return LoadResult(existing, "unchanged")
        if existing.assessments.exists() or existing.business_results.exists():
            raise ValidationError(
                {
                    "document": _(
                        "Checklist %(key)s has answers already, so it cannot change: publish the change as a "
                        "new version with a new id."
                    )
                    % {"key": existing.key}
                }
            )
        for name, value in values.items():
            setattr(existing, name, value)
        existing.full_clean()
        existing.save()
        return LoadResult(existing, "updated")


def checklists_load_shipped(directory: Path = DATA_DIR) -> list[LoadResult]:
    """Load every checklist file of icc/policytools/data (all or nothing)."""
    known = index_question_ids()
    results = []
    with transaction.atomic():
        for path in sorted(directory.glob("*.yaml")):
            try:
                document = load_document(path)
            except DocumentError as error:
                raise ValidationError({"document": str(error)}) from error
            try:
                results.append(checklist_load(document=document, known_index_questions=known))
            except ValidationError as error:
                raise ValidationError({"document": [f"{path.name}: {m}" for m in error.messages]}) from error
    return results


# ----------------------------------------------------------------------------------------- city assessments


def city_people(city_id: int, *, coordinators_only: bool = False) -> list[User]:
    kinds = (
        [RoleKind.CITY_COORDINATOR]
        if coordinators_only
        else [RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR]
    )
    return list(
        User.objects.filter(roles__city_id=city_id, roles__kind__in=kinds, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _link(assessment: Assessment) -> str:
    return reverse("policytools:assessment_detail", args=[assessment.pk])


def assessment_start(*, city: City, checklist: Checklist, by: User) -> Assessment:
    """A city starts filling in a checklist; its other people are told. One open assessment per city and
    version: starting again returns the open one."""
    if checklist.audience != Audience.CITY or checklist.published is None:
        raise ValidationError({"checklist": _("Choose a published checklist for cities.")})
    with transaction.atomic():
        City.objects.select_for_update().filter(pk=city.pk).first()
        open_one = Assessment.objects.filter(
            city=city, checklist=checklist, status=AssessmentStatus.IN_PROGRESS
        ).first()
        if open_one is not None:
            return open_one
        assessment = Assessment(city=city, checklist=checklist, started_by=by)
        assessment.full_clean()
        record_change(assessment, by=by, reason=reason("policytools.started"))
        try:
            with transaction.atomic():
                assessment.save()
        except IntegrityError:  # another person of the city started it at the same moment
            return Assessment.objects.get(city=city, checklist=checklist, status=AssessmentStatus.IN_PROGRESS)
        others = [person for person in city_people(city.pk) if person.pk != by.pk]
        notify(
            recipients=others,
            kind=NotificationKind.CHECKLIST_ASSIGNED,
            obj=assessment,
            context={"what": lambda: str(assessment.checklist), "city": city.name},
            link=_link(assessment),
            key=f"policytools.assigned.{assessment.pk}",
        )
    return assessment


def _question(checklist: Checklist, question_id: str) -> dict[str, Any] | None:
    for question in checklist_format.questions_of(checklist.document):
        if question["id"] == question_id:
            return question
    return None


def assessment_answer(*, assessment: Assessment, question_id: str, points: Any, by: User) -> Assessment:
    """Save one answer (autosave): the points of one of the question's grades, or "" to clear it."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("checklist").get(pk=assessment.pk)
        if locked.status != AssessmentStatus.IN_PROGRESS:
            raise ValidationError(
                {"answers": _("This self-assessment is completed: start a new one to answer again.")}
            )
        question = _question(locked.checklist, question_id)
        if question is None:
            raise ValidationError(
                {"question": _("There is no question %(id)s in this checklist.") % {"id": question_id}}
            )
        answers = dict(locked.answers)
        if points in ("", None):
            answers.pop(question_id, None)
        else:
            clean = scoring.clean_points(locked.checklist.document, question, points)
            if clean is None:
                allowed = ", ".join(str(p) for p in scoring.grade_points(locked.checklist.document, question))
                raise ValidationError(
                    {question_id: _("Choose one of the grades (%(allowed)s).") % {"allowed": allowed}}
                )
            answers[question_id] = clean
        if answers == locked.answers:
            return locked
        locked.answers = answers
        record_change(locked, by=by, reason=reason("policytools.answered"))
        locked.save(update_fields=["answers", "updated"])
    return locked


def assessment_complete(
    *, assessment: Assessment, by: User, now: datetime.datetime | None = None
) -> Assessment:
    """The coordinator completes the assessment once every question is answered: its profile is kept
    (overall, per section, gender dimension) and the city's people are told."""
    with transaction.atomic():
        locked = (
            Assessment.objects.select_for_update().select_related("checklist", "city").get(pk=assessment.pk)
        )
        if locked.status != AssessmentStatus.IN_PROGRESS:
            raise ValidationError({"status": _("This self-assessment is completed already.")})
        profile = scoring.score(locked.checklist.document, locked.answers)
        if not profile.complete:
            missing = profile.questions - profile.answered
            raise ValidationError(
                {
                    "answers": _("Answer every question before completing: %(n)s left.") % {"n": missing},
                }
            )
        locked.status = AssessmentStatus.COMPLETED
        locked.completed_at = now or timezone.now()
        locked.completed_by = by
        locked.overall = profile.overall
        locked.gender_score = profile.gender
        locked.section_scores = dict(profile.section_percents)
        locked.full_clean()
        record_change(locked, by=by, reason=reason("policytools.completed"))
        locked.save()
        notify(
            recipients=city_people(locked.city_id),
            kind=NotificationKind.CHECKLIST_COMPLETED,
            obj=locked,
            context={
                "what": lambda: str(locked.checklist),
                "city": locked.city.name,
                "overall": "" if profile.overall is None else f"{profile.overall:g}",
            },
            link=_link(locked),
            key=f"policytools.completed.{locked.pk}",
        )
    return locked


# --------------------------------------------------------------------------------------------- businesses


def clean_business_answers(checklist: Checklist, raw: Mapping[str, Any]) -> dict[str, int]:
    """The answers of the public form: every question must have one of its grades."""
    errors: dict[str, str] = {}
    answers: dict[str, int] = {}
    for question in checklist_format.questions_of(checklist.document):
        points = scoring.clean_points(checklist.document, question, raw.get(question["id"]))
        if points is None:
            errors[question["id"]] = _("Choose one answer for this question.")
        else:
            answers[question["id"]] = points
    if errors:
        raise ValidationError(errors)
    return answers


def business_result_save(
    *,
    checklist: Checklist,
    answers: Mapping[str, Any],
    email: str,
    consent: bool,
    organisation: str = "",
    language: str = "en",
    private_url: Any = None,
) -> BusinessAssessment:
    """Store a business's result because it asked to, with its consent; e-mail it the private link
    (`private_url(result) -> absolute URL`)."""
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Tick the box to agree that we keep your answers and e-mail address, or do not save."
                )
            }
        )
    clean = clean_business_answers(checklist, answers)
    profile = scoring.score(checklist.document, clean)
    result = BusinessAssessment(
        checklist=checklist,
        answers=clean,
        email=email.strip(),
        organisation=organisation.strip(),
        language=language[:8],
        overall=profile.overall,
        consent_at=timezone.now(),
    )
    result.full_clean()
    with transaction.atomic():
        record_change(result, by=None, reason=reason("policytools.saved"))
        result.save()
        if private_url is not None:
            link = private_url(result)
            with translation.override(result.language):
                subject = _("Your diversity-advantage self-assessment")
                body = _(
                    "You saved your diversity-advantage self-assessment on the Intercultural Cities site.\n\n"
                    "Find it again at this private link (keep it to yourself):\n%(link)s\n\n"
                    "On that page you can also erase it at any time."
                ) % {"link": link}
            transaction.on_commit(lambda: send_mail(subject, body, None, [result.email]))
    return result


def business_result_erase(*, result: BusinessAssessment) -> None:
    """Erase a saved result at its owner's request, with its history rows: nothing of it stays."""
    with transaction.atomic():
        pk = result.pk
        result.delete()
        BusinessAssessment.history.filter(id=pk).delete()
