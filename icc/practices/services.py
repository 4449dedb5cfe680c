"""Writes on practices: drafting, proposing, the secretariat's review (questions and answers), publication
as numbered versions, declining with a reason, the city's confirmation that a practice is still current,
images and documents.

The workflow is declared once (PRACTICE_WORKFLOW); the secretariat's edits of a published practice are
published at once as a new version with a note of what changed, so the public and the version history
always agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.core.workflow import Workflow
from icc.network.models import City
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify, remember
from icc.practices.index_areas import index_areas, index_question
from icc.practices.models import (
    LANGUAGES,
    BudgetRange,
    Practice,
    PracticeDocument,
    PracticeImage,
    PracticeStatus,
    PracticeVersion,
    ReviewQuestion,
    TargetGroup,
    Theme,
)
from icc.practices.selectors.access import cities_for_proposals, practice_access

PRACTICE_WORKFLOW = Workflow(
    name="good practice",
    labels=dict(PracticeStatus.choices),
    transitions={
        PracticeStatus.DRAFT: [PracticeStatus.PROPOSED],
        PracticeStatus.PROPOSED: [
            PracticeStatus.IN_REVIEW,
            PracticeStatus.PUBLISHED,
            PracticeStatus.DECLINED,
        ],
        PracticeStatus.IN_REVIEW: [PracticeStatus.PUBLISHED, PracticeStatus.DECLINED],
        PracticeStatus.DECLINED: [PracticeStatus.PROPOSED],  # revised by the city and proposed again
        PracticeStatus.PUBLISHED: [],  # edits by the secretariat publish a new version
    },
)
TRANSLATED = ("title", "summary", "description", "results", "transferability")
CONTENT_FIELDS = (
    *(f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGES),
    "key_figures",
    "sources",
    "started",
    "ended",
    "areas",
    "questions",
    "themes",
    "target_groups",
    "budget_range",
    "partners",
    "contact_name",
    "contact_email",
    "links",
)
IMAGE_KINDS = ("png", "jpeg")
MAX_IMAGES = 6
MAX_DOCUMENTS = 10
EARLIEST_YEAR = 1950


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


def city_team(city_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            roles__kind__in=[RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR],
            roles__city_id=city_id,
        ).distinct()
    )


def _link(practice: Practice) -> str:
    return reverse("practices:detail", args=[practice.pk])


def _choice_list(
    values: Iterable[Any], known: Iterable[str], field: str, errors: dict[str, list[str]]
) -> list[str]:
    allowed = set(known)
    cleaned: list[str] = []
    for value in values or []:
        text = str(value).strip()
        if text not in allowed:
            errors.setdefault(field, []).append(_("“%(value)s” is not one of the choices.") % {"value": text})
        elif text not in cleaned:
            cleaned.append(text)
    return cleaned


def _apply(practice: Practice, data: Mapping[str, Any]) -> None:
    """Put the given content on the practice and check it; every error keyed by its field."""
    unknown = set(data) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if name in ("areas", "questions", "themes", "target_groups"):
            continue
        if isinstance(value, str):
            value = value.strip()
        setattr(practice, name, value)
    if "areas" in data:
        practice.areas = _choice_list(data["areas"], [a.key for a in index_areas()], "areas", errors)
    if "questions" in data:
        known = [q.id for area in index_areas() for q in area.questions]
        practice.questions = _choice_list(data["questions"], known, "questions", errors)
    if "themes" in data:
        practice.themes = _choice_list(data["themes"], Theme.values, "themes", errors)
    if "target_groups" in data:
        practice.target_groups = _choice_list(
            data["target_groups"], TargetGroup.values, "target_groups", errors
        )
    # A question answered belongs to its area: the area is added rather than refused.
    for question_id in practice.questions:
        question = index_question(question_id)
        if question and question.area not in practice.areas:
            practice.areas.append(question.area)
    this_year = timezone.localdate().year
    if practice.started is not None and not EARLIEST_YEAR <= practice.started <= this_year + 1:
        errors.setdefault("started", []).append(
            _("Give a year between %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": this_year + 1}
        )
    if practice.ended is not None and practice.started is not None and practice.ended < practice.started:
        errors.setdefault("ended", []).append(_("The practice cannot end before it started."))
    if practice.budget_range and practice.budget_range not in BudgetRange.values:
        errors.setdefault("budget_range", []).append(_("Choose one of the budget ranges."))
    validate_url = URLValidator(schemes=["http", "https"])
    for line in practice.link_list:
        try:
            validate_url(line)
        except ValidationError:
            errors.setdefault("links", []).append(
                _("“%(link)s” is not a web address; write one address per line, starting with https://.")
                % {"link": line[:100]}
            )
    if not any(getattr(practice, f"title_{lang}") for lang in LANGUAGES):
        errors.setdefault("title_en", []).append(_("Give the title in English or in French."))
    try:
        practice.full_clean(exclude=["city", "proposed_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _ready_to_propose(practice: Practice) -> None:
    errors: dict[str, str] = {}
    if not practice.languages:
        errors["summary_en"] = _("Give a title and a summary in at least one language before proposing.")
    if not (practice.description_en or practice.description_fr):
        errors["description_en"] = _("Describe the practice in at least one language before proposing.")
    if not practice.areas:
        errors["areas"] = _("Name at least one Index area the practice serves.")
    if errors:
        raise ValidationError(errors)


def practice_create(*, by: User, city: City, data: Mapping[str, Any]) -> Practice:
    if not cities_for_proposals(by).filter(pk=city.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        practice = Practice(city=city, status=PracticeStatus.DRAFT)
        _apply(practice, data)
        record_change(practice, by=by, reason=reason("practices.created"))
        practice.save()
    return practice


def practice_update(*, by: User, practice: Practice, data: Mapping[str, Any], note: str = "") -> Practice:
    """The city's team edits until publication; the secretariat at any time. The secretariat's edit of a
    published practice is published at once as a new version, with `note` saying what changed."""
    with transaction.atomic():
        practice = _locked(practice)
        access = practice_access(by, practice)
        if not access.can_edit:
            raise PermissionDenied
        _apply(practice, data)
        if practice.status == PracticeStatus.PUBLISHED:
            if not note.strip():
                raise ValidationError(
                    {"note": _("Say what changed: the version history shows it to readers.")}
                )
            _publish(practice, by=by, note=note.strip())
        else:
            code = (
                "practices.edited_by_secretariat"
                if access.secretariat and not access.city_team
                else "practices.changed"
            )
            record_change(practice, by=by, reason=reason(code))
            practice.save()
    return practice


def _locked(practice: Practice) -> Practice:
    """The practice as stored now, locked until the transaction ends: access and workflow are decided on
    it, never on a copy the caller read earlier."""
    return Practice.objects.select_for_update(of=("self",)).select_related("city").get(pk=practice.pk)


def _move(practice: Practice, target: str) -> None:
    PRACTICE_WORKFLOW.check(practice.status, target)
    practice.status = target


def practice_propose(*, by: User, practice: Practice) -> Practice:
    with transaction.atomic():
        practice = _locked(practice)
        if not practice_access(by, practice).can_propose:
            raise PermissionDenied
        _move(practice, PracticeStatus.PROPOSED)
        _ready_to_propose(practice)
        practice.proposed_by = by
        practice.proposed_at = timezone.now()
        practice.decline_reason = ""
        record_change(practice, by=by, reason=reason("practices.status", status=PracticeStatus.PROPOSED))
        practice.save()
        told = notify(
            recipients=_secretariat(),
            kind=NotificationKind.PRACTICE_PROPOSED,
            obj=practice,
            context={"city": practice.city.name},
            link=_link(practice),
        )
    remember(practice, told)
    return practice


def practice_ask(*, by: User, practice: Practice, question: str) -> ReviewQuestion:
    text = (question or "").strip()
    with transaction.atomic():
        practice = _locked(practice)
        if not practice_access(by, practice).can_review:
            raise PermissionDenied
        if not text:
            raise ValidationError({"question": _("Write the question for the city.")})
        if practice.status != PracticeStatus.IN_REVIEW:
            _move(practice, PracticeStatus.IN_REVIEW)
            record_change(practice, by=by, reason=reason("practices.question_asked"))
            practice.save()
        asked = ReviewQuestion(practice=practice, asked_by=by, question=text)
        asked.full_clean()
        record_change(asked, by=by, reason=reason("practices.question_asked"))
        asked.save()
        told = notify(
            recipients=city_team(practice.city_id),
            kind=NotificationKind.PRACTICE_QUESTION,
            obj=practice,
            context={"question": text},
            link=_link(practice),
        )
    remember(asked, told)
    return asked


def practice_answer(*, by: User, question: ReviewQuestion, answer: str) -> ReviewQuestion:
    practice = question.practice
    if not practice_access(by, practice).can_answer:
        raise PermissionDenied
    text = (answer or "").strip()
    if not text:
        raise ValidationError({"answer": _("Write the answer.")})
    with transaction.atomic():
        question = ReviewQuestion.objects.select_for_update().get(pk=question.pk)
        if question.answered_at is not None:
            raise ValidationError(
                {"answer": _("This question is answered already; the secretariat may ask another.")}
            )
        question.answer = text
        question.answered_by = by
        question.answered_at = timezone.now()
        question.full_clean()
        record_change(question, by=by, reason=reason("practices.question_answered"))
        question.save()
        recipients = [question.asked_by] if question.asked_by else _secretariat()
        told = notify(
            recipients=recipients, kind=NotificationKind.PRACTICE_ANSWERED, obj=practice, link=_link(practice)
        )
    remember(question, told)
    return question


def _snapshot(practice: Practice) -> dict[str, Any]:
    return {
        name: getattr(practice, name)
        for name in CONTENT_FIELDS
        if name not in ("contact_email",)  # a person's address stays out of the archived copy
    }


def _publish(
    practice: Practice, *, by: User | None, note: str = "", when: datetime.datetime | None = None
) -> None:
    now = when or timezone.now()
    practice.version += 1
    practice.published_at = now
    practice.first_published_at = practice.first_published_at or now
    practice.reviewed_at = now
    record_change(practice, by=by, reason=reason("practices.published", version=practice.version))
    practice.save()
    PracticeVersion.objects.create(
        practice=practice,
        number=practice.version,
        published_at=now,
        published_by=by,
        note=note[:500],
        snapshot=_snapshot(practice),
    )


def practice_publish(*, by: User, practice: Practice, note: str = "") -> Practice:
    with transaction.atomic():
        practice = _locked(practice)
        if not practice_access(by, practice).can_review:
            raise PermissionDenied
        _move(practice, PracticeStatus.PUBLISHED)
        _ready_to_propose(practice)
        practice.decline_reason = ""
        _publish(practice, by=by, note=note.strip() or _("first publication"))
        told = notify(
            recipients=city_team(practice.city_id),
            kind=NotificationKind.PRACTICE_DECIDED,
            obj=practice,
            context={"status": lambda: str(PracticeStatus.PUBLISHED.label), "reason": ""},
            link=_link(practice),
        )
    remember(practice, told)
    return practice


def practice_decline(*, by: User, practice: Practice, reason_text: str) -> Practice:
    words = (reason_text or "").strip()
    with transaction.atomic():
        practice = _locked(practice)
        if not practice_access(by, practice).can_review:
            raise PermissionDenied
        if not words:
            raise ValidationError({"reason": _("Say why the practice is declined: the city reads it.")})
        _move(practice, PracticeStatus.DECLINED)
        practice.decline_reason = words[:2000]
        record_change(practice, by=by, reason=reason("practices.declined", words=words))
        practice.save()
        told = notify(
            recipients=city_team(practice.city_id),
            kind=NotificationKind.PRACTICE_DECIDED,
            obj=practice,
            context={"status": lambda: str(PracticeStatus.DECLINED.label), "reason": words},
            link=_link(practice),
        )
    remember(practice, told)
    return practice


def practice_confirm(*, by: User, practice: Practice) -> Practice:
    """The city (or the secretariat) says a published practice is still current: it is no longer stale."""
    with transaction.atomic():
        practice = _locked(practice)
        if not practice_access(by, practice).can_confirm:
            raise PermissionDenied
        practice.reviewed_at = timezone.now()
        record_change(practice, by=by, reason=reason("practices.confirmed"))
        practice.save()
    return practice


def practice_image_add(
    *, by: User, practice: Practice, file: UploadedFile, alt_en: str = "", alt_fr: str = ""
) -> PracticeImage:
    """An image, checked by its content (PNG or JPEG), with its alternative text in at least one language."""
    if not practice_access(by, practice).can_edit:
        raise PermissionDenied
    alt_en, alt_fr = (alt_en or "").strip(), (alt_fr or "").strip()
    errors: dict[str, str] = {}
    try:
        name = validate_upload(file, allowed=IMAGE_KINDS)
    except ValidationError as exc:
        errors["file"] = exc.messages[0]
        name = ""
    if not (alt_en or alt_fr):
        errors["alt_en"] = _("Describe the image for people who cannot see it, in English or in French.")
    if practice.images.count() >= MAX_IMAGES:
        errors["file"] = _("A practice has at most %(n)s images; remove one first.") % {"n": MAX_IMAGES}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        image = PracticeImage(
            practice=practice, name=name, size=file.size or 0, uploaded_by=by, alt_en=alt_en, alt_fr=alt_fr
        )
        image.file.save(name, file, save=False)
        record_change(image, by=by, reason=reason("practices.image_added", words=name))
        image.save()
    return image


def practice_document_add(
    *, by: User, practice: Practice, file: UploadedFile, title: str
) -> PracticeDocument:
    if not practice_access(by, practice).can_edit:
        raise PermissionDenied
    title = (title or "").strip()
    errors: dict[str, str] = {}
    try:
        name = validate_upload(file)
    except ValidationError as exc:
        errors["file"] = exc.messages[0]
        name = ""
    if not title:
        errors["title"] = _("Give the document a title.")
    if practice.documents.count() >= MAX_DOCUMENTS:
        errors["file"] = _("A practice has at most %(n)s documents.") % {"n": MAX_DOCUMENTS}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = PracticeDocument(
            practice=practice, name=name, size=file.size or 0, uploaded_by=by, title=title
        )
        document.file.save(name, file, save=False)
        record_change(document, by=by, reason=reason("practices.document_added", words=name))
        document.save()
    return document


def practices_to_confirm_notify(*, today: datetime.date | None = None) -> int:
    """The daily run (`icc send_notifications`): tell each city's people of its practices that became stale,
    once per practice and review (the notice's key holds the day of the last review). Returns how many people
    were told."""
    told = 0
    for practice in Practice.objects.stale(today=today).select_related("city"):
        stamp = practice.reviewed_at.date().isoformat() if practice.reviewed_at else "never"
        result = notify(
            recipients=city_team(practice.city_id),
            kind=NotificationKind.PRACTICE_TO_CONFIRM,
            obj=practice,
            link=_link(practice),
            key=f"practice-to-confirm:{practice.pk}:{stamp}",
        )
        told += len(result.people)
    return told
