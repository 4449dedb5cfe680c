"""Writes to the expert pool: an expert's record (by the secretariat, or corrected by the expert), their
documents and training, and the pool's targets. Each write checks every field first (errors keyed by the
field), then writes in one transaction with its history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.countries import is_country_code
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.experts.models import (
    DocumentKind,
    Expert,
    ExpertCountry,
    ExpertDocument,
    ExpertExpertise,
    ExpertLanguage,
    ExpertStatus,
    Gender,
    LanguageLevel,
    PoolTarget,
    TargetKind,
    Theme,
    TrainingRecord,
)
from icc.experts.selectors.pool import area_choices, is_language_code

MAX_DOCUMENTS = 20


@dataclass(frozen=True)
class LanguageEntry:
    language: str
    level: str
    working: bool = False


@dataclass
class ExpertData:
    """Everything a record form sends. The expert's own corrections leave `status`, `mentor` and
    `account_email` as they are (None)."""

    full_name: str
    email: str = ""
    phone: str = ""
    gender: str = ""
    country: str = ""
    availability_note: str = ""
    biography: str = ""
    languages: Sequence[LanguageEntry] = ()
    areas: Sequence[str] = ()
    themes: Sequence[Theme] = ()
    countries_known: Sequence[str] = ()
    status: str | None = None
    mentor: Expert | None = None
    mentor_given: bool = False
    account_email: str | None = None


def _check(expert: Expert, data: ExpertData) -> tuple[dict[str, list[str]], User | None]:
    """Every problem of `data`, keyed by the form's field, and the user account it names (if any)."""
    errors: dict[str, list[str]] = {}
    if data.gender and data.gender not in Gender.values:
        errors["gender"] = [_("Choose one of the listed answers, or leave it empty.")]
    if data.country and not is_country_code(data.country):
        errors["country"] = [_("Choose a country from the list.")]
    if data.status is not None and data.status not in ExpertStatus.values:
        errors["status"] = [_("Choose one of the listed statuses.")]
    seen: set[str] = set()
    for entry in data.languages:
        if not is_language_code(entry.language):
            errors.setdefault("languages", []).append(
                _("“%(code)s” is not a language code; choose the language from the list.")
                % {"code": entry.language}
            )
        elif entry.language in seen:
            errors.setdefault("languages", []).append(
                _("A language is listed twice; keep one line per language.")
            )
        elif entry.level not in LanguageLevel.values:
            errors.setdefault("languages", []).append(_("Give the level of each language."))
        seen.add(entry.language)
    known_areas = {key for key, _title in area_choices()}
    unknown = sorted(set(data.areas) - known_areas)
    if unknown:
        errors["areas"] = [
            _("Unknown Index area: %(keys)s. Tick areas from the list.") % {"keys": ", ".join(unknown)}
        ]
    bad_countries = sorted(code for code in data.countries_known if not is_country_code(code))
    if bad_countries:
        errors["countries_known"] = [_("Choose the countries from the list.")]
    if data.mentor is not None and expert.pk and data.mentor.pk == expert.pk:
        errors["mentor"] = [_("An expert cannot be their own mentor; choose another expert or none.")]
    user: User | None = None
    if data.account_email:
        user = User.objects.filter(email__iexact=data.account_email.strip()).first()
        if user is None:
            errors["account_email"] = [
                _("No account has this e-mail address. Invite the person first, or leave the field empty.")
            ]
        elif Expert.objects.filter(user=user).exclude(pk=expert.pk).exists():
            errors["account_email"] = [_("This account is already linked to another expert's record.")]
    return errors, user


def _replace_children(expert: Expert, data: ExpertData, *, by: Any, why: str) -> None:
    """Make the languages, fields of expertise and countries known what `data` says: rows removed, added
    or changed one by one, so that each has its history."""
    wanted_languages = {entry.language: entry for entry in data.languages}
    for row in list(expert.languages.all()):
        entry = wanted_languages.pop(row.language, None)
        if entry is None:
            record_change(row, by=by, reason=why)
            row.delete()
        elif (row.level, row.working) != (entry.level, entry.working):
            row.level, row.working = entry.level, entry.working
            record_change(row, by=by, reason=why)
            row.save()
    for entry in wanted_languages.values():
        row = ExpertLanguage(expert=expert, language=entry.language, level=entry.level, working=entry.working)
        row.full_clean()
        record_change(row, by=by, reason=why)
        row.save()

    wanted_areas = set(data.areas)
    wanted_themes = {theme.pk: theme for theme in data.themes}
    for expertise in list(expert.expertise.all()):
        if expertise.area and expertise.area in wanted_areas:
            wanted_areas.discard(expertise.area)
        elif expertise.theme_id and expertise.theme_id in wanted_themes:
            wanted_themes.pop(expertise.theme_id)
        else:
            record_change(expertise, by=by, reason=why)
            expertise.delete()
    new_rows = [ExpertExpertise(expert=expert, area=key) for key in sorted(wanted_areas)] + [
        ExpertExpertise(expert=expert, theme=theme) for theme in wanted_themes.values()
    ]
    for expertise in new_rows:
        record_change(expertise, by=by, reason=why)
        expertise.save()

    wanted_countries = {code.upper() for code in data.countries_known}
    for country in list(expert.countries_known.all()):
        if country.country in wanted_countries:
            wanted_countries.discard(country.country)
        else:
            record_change(country, by=by, reason=why)
            country.delete()
    for code in sorted(wanted_countries):
        country = ExpertCountry(expert=expert, country=code)
        record_change(country, by=by, reason=why)
        country.save()


def expert_save(*, expert: Expert | None, data: ExpertData, by: Any, self_service: bool = False) -> Expert:
    """Create an expert's record (expert None) or change it. `self_service`: the expert corrects their own
    record, whose status, mentor and account stay as the secretariat set them."""
    creating = expert is None
    target = expert if expert is not None else Expert()
    errors, user = _check(target, data)
    previous_status = target.status
    target.full_name = " ".join((data.full_name or "").split())
    target.email = (data.email or "").strip().lower()
    target.phone = (data.phone or "").strip()
    target.gender = data.gender or ""
    target.country = (data.country or "").upper()
    target.availability_note = data.availability_note or ""
    target.biography = data.biography or ""
    if not self_service:
        if data.status is not None and data.status in ExpertStatus.values:
            target.status = data.status
        if data.mentor_given:
            target.mentor = data.mentor
        if data.account_email is not None:
            target.user = user
    try:
        target.full_clean(exclude=[name for name in errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if creating:
        why = reason("experts.created")
    elif self_service:
        why = reason("experts.self_corrected")
    elif target.status != previous_status:
        why = reason("experts.status", status=target.status)
    else:
        why = reason("experts.changed")
    with transaction.atomic():
        record_change(target, by=by, reason=why)
        target.save()
        _replace_children(target, data, by=by, why=why)
    return target


# --------------------------------------------------------------------------------------------- documents


def document_add(*, expert: Expert, file: UploadedFile, kind: str, by: Any) -> ExpertDocument:
    """Store a CV or another document: checked like every upload (size, kind by extension and content)."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what the document is: a CV or another document.")})
    if expert.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            {"file": _("At most %(n)s documents per expert; remove one first.") % {"n": MAX_DOCUMENTS}}
        )
    try:
        name = validate_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    with transaction.atomic():
        document = ExpertDocument(expert=expert, kind=kind, name=name, size=file.size or 0, uploaded_by=by)
        document.file.save(name, file, save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_remove(*, document: ExpertDocument, by: Any) -> None:
    stored = document.file
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


# --------------------------------------------------------------------------------------------- training


def training_add(
    *, expert: Expert, session: str, held_on: date | None, attended: bool, note: str = "", by: Any
) -> TrainingRecord:
    record = TrainingRecord(
        expert=expert, session=" ".join((session or "").split()), attended=attended, note=note or ""
    )
    errors: dict[str, list[str]] = {}
    if held_on is None:
        errors["held_on"] = [_("Give the date of the session, e.g. 2026-03-14.")]
    else:
        record.held_on = held_on
    try:
        record.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record_change(record, by=by, reason=reason("experts.changed"))
        record.save()
    return record


def training_remove(*, record: TrainingRecord, by: Any) -> None:
    with transaction.atomic():
        record_change(record, by=by, reason=reason("experts.changed"))
        record.delete()


# --------------------------------------------------------------------------------------------- targets


def target_save(
    *,
    target: PoolTarget | None,
    kind: str,
    value: Decimal | None,
    due_on: date | None,
    note: str = "",
    by: Any,
) -> PoolTarget:
    """Set a target of the pool (a share of women in %, a number of French speakers or of active experts)
    to reach by a date; one target per kind and date."""
    row = target if target is not None else PoolTarget()
    errors: dict[str, list[str]] = {}
    if kind not in TargetKind.values:
        errors["kind"] = [_("Choose one of the listed targets.")]
    if value is None:
        errors["value"] = [_("Give the target value, e.g. 50.")]
    elif value < 0:
        errors["value"] = [_("A target cannot be negative.")]
    elif kind == TargetKind.WOMEN_SHARE and value > 100:
        errors["value"] = [_("A share is at most 100 (%).")]
    elif kind != TargetKind.WOMEN_SHARE and value != value.to_integral_value():
        errors["value"] = [_("Give a whole number of experts, e.g. 12.")]
    if due_on is None:
        errors["due_on"] = [_("Give the date by which to reach it, e.g. 2028-12-31.")]
    if not errors and due_on is not None:
        clash = PoolTarget.objects.filter(kind=kind, due_on=due_on).exclude(pk=row.pk)
        if clash.exists():
            errors["due_on"] = [_("This target already has a value for that date; change that one instead.")]
    if errors:
        raise ValidationError(errors)
    assert value is not None and due_on is not None
    row.kind, row.value, row.due_on, row.note = kind, value, due_on, note or ""
    row.full_clean()
    with transaction.atomic():
        record_change(row, by=by, reason=reason("experts.target_set"))
        row.save()
    return row


def target_remove(*, target: PoolTarget, by: Any) -> None:
    with transaction.atomic():
        record_change(target, by=by, reason=reason("experts.target_removed"))
        target.delete()
