"""Writes on visits and intercultural profiles: the visit's record (agenda, stakeholders met, documents, the
visit report), and the profile's path from the lead expert's draft to the city's public page.

The profile's workflow is declared once (PROFILE_WORKFLOW): drafted by the lead expert (saved as it is
typed), submitted, reviewed by the secretariat (comments; returned with a reason, or accepted), shared with
the city, published when the city agrees (and withdrawn when it no longer does). Accepting the profile of a
first visit records the accession steps "expert visit held" (on the visit's date) and "intercultural
profile issued" (today) through the register's own service, in the same transaction: when the register
refuses (the city's accession is not there yet), the acceptance is refused with its message and nothing is
written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.core.uploads import DOCUMENT_KINDS, validate_upload
from icc.core.workflow import Workflow
from icc.experts.models import (
    Assignment,
    Profile,
    ProfileArea,
    ProfileComment,
    ProfileStatus,
    StakeholderCategory,
    StakeholderMeeting,
    Visit,
    VisitDocument,
)
from icc.experts.selectors.profiles import (
    EDITABLE,
    FIRST_VISIT,
    PROFILE_LANGUAGES,
    VisitAccess,
    index_area,
    index_areas,
    revision_of,
    visit_access,
)
from icc.network.models import AccessionStep, AccessionStepKind
from icc.network.services.accession import accession_record_step
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify, remember

PROFILE_WORKFLOW = Workflow(
    name="intercultural profile",
    labels=dict(ProfileStatus.choices),
    transitions={
        ProfileStatus.DRAFTING: [ProfileStatus.SUBMITTED],
        ProfileStatus.SUBMITTED: [ProfileStatus.RETURNED, ProfileStatus.ACCEPTED],
        ProfileStatus.RETURNED: [ProfileStatus.SUBMITTED],
        ProfileStatus.ACCEPTED: [ProfileStatus.SHARED],
        ProfileStatus.SHARED: [ProfileStatus.PUBLISHED],
        ProfileStatus.PUBLISHED: [ProfileStatus.SHARED],  # the city withdraws its agreement
    },
)
MAX_TEXT = 20_000
MAX_AGENDA = 10_000
MAX_COUNT = 9_999
MAX_DOCUMENTS = 20
NOTE_MAX = StakeholderMeeting._meta.get_field("note").max_length or 300
LANGUAGE_NAMES = {"en": "English", "fr": "français"}


def _access(by: User | None, assignment: Assignment) -> VisitAccess:
    """What `by` may do (None: the system, e.g. the demo, may do everything)."""
    if by is None:
        return VisitAccess(secretariat=True, lead=True, on_team=True, city_coordinator=True)
    return visit_access(by, assignment)


def _too_long(field: str, label: str, text: str, limit: int, errors: dict[str, list[str]]) -> None:
    if len(text) > limit:
        errors.setdefault(field, []).append(
            _("%(field)s is too long: at most %(n)s characters (it has %(len)s); shorten it.")
            % {"field": label, "n": f"{limit:,}", "len": f"{len(text):,}"}
        )


def _clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


# --------------------------------------------------------------------------------------------- the visit


def _visit_for_write(assignment: Assignment) -> Visit:
    visit, _created = Visit.objects.get_or_create(assignment=assignment)
    return Visit.objects.select_for_update().get(pk=visit.pk)


@transaction.atomic
def visit_record_update(
    *,
    assignment: Assignment,
    by: User | None,
    agenda: str,
    report: str = "",
    report_gender_equality: str = "",
    meetings: Mapping[str, tuple[int | None, str]],
) -> Visit:
    """Save the visit's agenda, its report (visits other than a first visit: the profile is that one's) and
    the number of people met in each category, with a note. A category left at 0 without a note is not
    kept. Every problem is named on its field; nothing is written unless all is right."""
    if not _access(by, assignment).can_keep_record:
        raise PermissionDenied(_("Only the secretariat and the visit's experts keep the visit's record."))
    agenda, report, gender = _clean(agenda), _clean(report), _clean(report_gender_equality)
    errors: dict[str, list[str]] = {}
    _too_long("agenda", _("The agenda"), agenda, MAX_AGENDA, errors)
    _too_long("report", _("The visit report"), report, MAX_TEXT, errors)
    _too_long("report_gender_equality", _("The gender-equality section"), gender, MAX_TEXT, errors)
    for name, text in (("report", report), ("report_gender_equality", gender)):
        if text and assignment.kind.key == FIRST_VISIT:
            errors.setdefault(name, []).append(
                _("The report of a first visit is its intercultural profile: write it there.")
            )
    labels = dict(StakeholderCategory.choices)
    cleaned: dict[str, tuple[int, str]] = {}
    for category, (count, note) in meetings.items():
        if category not in labels:
            raise ValidationError(
                _("“%(category)s” is not a category of stakeholders.") % {"category": category}
            )
        note = " ".join((note or "").split())
        if count is None or count < 0 or count > MAX_COUNT:
            errors.setdefault(f"count_{category}", []).append(
                _("Give the number of %(category)s met as a whole number from 0 to %(max)s.")
                % {"category": labels[category], "max": f"{MAX_COUNT:,}"}
            )
            continue
        if len(note) > NOTE_MAX:
            errors.setdefault(f"note_{category}", []).append(
                _("The note on %(category)s is too long: at most %(n)s characters.")
                % {"category": labels[category], "n": NOTE_MAX}
            )
        cleaned[category] = (count, note)
    if errors:
        raise ValidationError(errors)
    visit = _visit_for_write(assignment)
    visit.agenda, visit.report, visit.report_gender_equality = agenda, report, gender
    record_change(visit, by=by, reason=reason("experts.visit_recorded"))
    visit.save()
    stored = {m.category: m for m in StakeholderMeeting.objects.filter(visit=visit)}
    for category, (count, note) in cleaned.items():
        meeting = stored.get(category)
        if count == 0 and not note:
            if meeting is not None:
                record_change(meeting, by=by, reason=reason("experts.visit_recorded"))
                meeting.delete()
            continue
        meeting = meeting or StakeholderMeeting(visit=visit, category=category)
        meeting.count, meeting.note = count, note
        record_change(meeting, by=by, reason=reason("experts.visit_recorded"))
        meeting.save()
    return visit


@transaction.atomic
def visit_document_add(*, assignment: Assignment, file: UploadedFile, by: User | None) -> VisitDocument:
    """Attach a document to the visit (the programme, a presentation, minutes): checked like the Index
    evidence files and served only to those who may read the visit."""
    if not _access(by, assignment).can_keep_record:
        raise PermissionDenied(_("Only the secretariat and the visit's experts add documents to a visit."))
    visit = _visit_for_write(assignment)
    if visit.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            {"file": _("A visit keeps at most %(n)s documents; remove one first.") % {"n": MAX_DOCUMENTS}}
        )
    name = validate_upload(file, allowed=DOCUMENT_KINDS)
    document = VisitDocument(visit=visit, name=name, size=file.size or 0, uploaded_by=by)
    document.file.save(name, file, save=False)
    try:
        document.save()
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def visit_document_remove(*, document: VisitDocument, by: User | None) -> None:
    if not _access(by, document.visit.assignment).can_keep_record:
        raise PermissionDenied(_("Only the secretariat and the visit's experts remove a visit's documents."))
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# --------------------------------------------------------------------------------------------- notices


def _named(profile: Profile) -> str:
    """How a notice names a profile: its city and language ("Tampere, English")."""
    city = profile.visit.assignment.city
    return (
        f"{city or profile.visit.assignment.title}, {LANGUAGE_NAMES.get(profile.language, profile.language)}"
    )


def _tell(profile: Profile, kind: str, recipients: list[User], url_name: str, **context: str) -> None:
    told = notify(
        recipients=recipients,
        kind=kind,
        obj=profile,
        context={"what": _named(profile), **context},
        link=reverse(url_name, args=[profile.pk]),
    )
    remember(profile, told)


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


def _lead_users(profile: Profile) -> list[User]:
    return [
        m.expert.user
        for m in profile.visit.assignment.team.select_related("expert__user").filter(lead=True)
        if m.expert.user is not None
    ]


def _city_coordinators(profile: Profile) -> list[User]:
    city_id = profile.visit.assignment.city_id
    if city_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True, roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=city_id
        ).distinct()
    )


# --------------------------------------------------------------------------------------------- drafting


@transaction.atomic
def profile_start(*, assignment: Assignment, language: str, by: User | None) -> Profile:
    """Start the intercultural profile of a first visit in one language (English or French): the lead
    expert drafts it; the other language version, if any, is started and reviewed on its own."""
    access = _access(by, assignment)
    if not (access.lead or access.secretariat):
        raise PermissionDenied(_("The lead expert of the visit starts its profile."))
    if assignment.kind.key != FIRST_VISIT:
        raise ValidationError(_("Only a first visit has an intercultural profile; write the visit report."))
    if language not in PROFILE_LANGUAGES:
        raise ValidationError({"language": _("Choose English or French for the profile.")})
    visit = _visit_for_write(assignment)
    if Profile.objects.filter(visit=visit, language=language).exists():
        raise ValidationError(
            {
                "language": _("The profile in %(language)s is already started.")
                % {"language": LANGUAGE_NAMES[language]}
            }
        )
    profile = Profile(visit=visit, language=language)
    record_change(profile, by=by, reason=reason("experts.profile_started", language=language))
    profile.save()
    return profile


def _check_drafting(profile: Profile, by: User | None) -> None:
    access = _access(by, profile.visit.assignment)
    if not access.lead:
        raise PermissionDenied(_("Only the lead expert of the visit drafts its profile."))
    if profile.status not in EDITABLE:
        raise ValidationError(
            _("This profile is %(status)s: it can no longer be changed.")
            % {"status": profile.get_status_display()}
        )


@dataclass
class DraftSave:
    saved: bool
    conflict: bool = False  # a colleague saved the same part meanwhile: nothing was overwritten


@transaction.atomic
def profile_area_save(
    *,
    profile: Profile,
    area: str,
    strengths: str,
    needs: str,
    recommendations: str,
    base_revision: str | None,
    by: User | None,
) -> DraftSave:
    """Save one area's strengths, needs and recommendations as the lead expert types them (autosave).

    `base_revision` is the revision the page showed: when the stored area changed since (another tab,
    another person), nothing is overwritten and the save says so."""
    profile = (
        Profile.objects.select_for_update(of=("self",))
        .select_related("visit__assignment__kind")
        .get(pk=profile.pk)
    )
    _check_drafting(profile, by)
    if index_area(area) is None:
        raise ValidationError({"area": _("“%(area)s” is not an Index area.") % {"area": area}})
    texts = {
        "strengths": _clean(strengths),
        "needs": _clean(needs),
        "recommendations": _clean(recommendations),
    }
    errors: dict[str, list[str]] = {}
    labels = {"strengths": _("Strengths"), "needs": _("Needs"), "recommendations": _("Recommendations")}
    for name, text in texts.items():
        _too_long(name, labels[name], text, MAX_TEXT, errors)
    if errors:
        raise ValidationError(errors)
    stored = ProfileArea.objects.filter(profile=profile, area=area).first()
    current = {n: getattr(stored, n) for n in texts} if stored else dict.fromkeys(texts, "")
    if current == texts:
        return DraftSave(saved=True)
    if base_revision is not None and base_revision != revision_of(stored):
        return DraftSave(saved=False, conflict=True)
    row = stored or ProfileArea(profile=profile, area=area)
    for name, text in texts.items():
        setattr(row, name, text)
    record_change(row, by=by, reason=reason("experts.profile_saved"))
    row.save()
    return DraftSave(saved=True)


@transaction.atomic
def profile_summary_save(
    *, profile: Profile, summary: str, base_revision: str | None, by: User | None
) -> DraftSave:
    profile = (
        Profile.objects.select_for_update(of=("self",))
        .select_related("visit__assignment__kind")
        .get(pk=profile.pk)
    )
    _check_drafting(profile, by)
    text = _clean(summary)
    errors: dict[str, list[str]] = {}
    _too_long("summary", _("The summary"), text, MAX_TEXT, errors)
    if errors:
        raise ValidationError(errors)
    if text == profile.summary:
        return DraftSave(saved=True)
    if base_revision is not None and profile.summary and base_revision != revision_of(profile):
        return DraftSave(saved=False, conflict=True)
    profile.summary = text
    record_change(profile, by=by, reason=reason("experts.profile_saved"))
    profile.save()
    return DraftSave(saved=True)


@transaction.atomic
def profile_gender_equality_save(
    *, profile: Profile, text: str, base_revision: str | None, by: User | None
) -> DraftSave:
    """Save the profile's gender-equality section as the lead expert types it (autosave), like the summary:
    how the city's intercultural work considers women and men of migrant and minority background."""
    profile = (
        Profile.objects.select_for_update(of=("self",))
        .select_related("visit__assignment__kind")
        .get(pk=profile.pk)
    )
    _check_drafting(profile, by)
    text = _clean(text)
    errors: dict[str, list[str]] = {}
    _too_long("gender_equality", _("The gender-equality section"), text, MAX_TEXT, errors)
    if errors:
        raise ValidationError(errors)
    if text == profile.gender_equality:
        return DraftSave(saved=True)
    if base_revision is not None and profile.gender_equality and base_revision != revision_of(profile):
        return DraftSave(saved=False, conflict=True)
    profile.gender_equality = text
    record_change(profile, by=by, reason=reason("experts.profile_saved"))
    profile.save()
    return DraftSave(saved=True)


def _locked(profile: Profile) -> Profile:
    return (
        Profile.objects.select_for_update(of=("self",))
        .select_related("visit__assignment__kind", "visit__assignment__city")
        .get(pk=profile.pk)
    )


@transaction.atomic
def profile_submit(*, profile: Profile, by: User | None) -> Profile:
    """The lead expert hands the draft to the secretariat: it needs a summary and at least one area."""
    profile = _locked(profile)
    _check_drafting(profile, by)
    PROFILE_WORKFLOW.check(profile.status, ProfileStatus.SUBMITTED)
    written = [
        a for a in ProfileArea.objects.filter(profile=profile) if a.strengths or a.needs or a.recommendations
    ]
    problems = []
    if not profile.summary:
        problems.append(_("Write the summary before submitting the profile."))
    if not written:
        problems.append(
            _("Write the strengths, needs or recommendations of at least one Index area before submitting.")
        )
    if problems:
        raise ValidationError(problems)
    profile.status = ProfileStatus.SUBMITTED
    profile.submitted_at = timezone.now()
    record_change(profile, by=by, reason=reason("experts.profile_submitted"))
    profile.save()
    _tell(profile, NotificationKind.PROFILE_SUBMITTED, _secretariat(), "experts:profile_review")
    return profile


# --------------------------------------------------------------------------------------------- review


def _check_secretariat(profile: Profile, by: User | None, message: str) -> None:
    if not _access(by, profile.visit.assignment).secretariat:
        raise PermissionDenied(message)


@transaction.atomic
def profile_comment_add(*, profile: Profile, text: str, area: str = "", by: User | None) -> ProfileComment:
    """The secretariat comments on the whole profile or on one area while reviewing it."""
    profile = _locked(profile)
    _check_secretariat(profile, by, _("Only the secretariat reviews profiles."))
    if profile.status != ProfileStatus.SUBMITTED:
        raise ValidationError(_("Comments are written while the profile is submitted for review."))
    text = _clean(text)
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Write the comment before sending it.")]
    _too_long("text", _("The comment"), text, MAX_TEXT, errors)
    if area and index_area(area) is None:
        errors["area"] = [_("“%(area)s” is not an Index area: choose one from the list.") % {"area": area}]
    if errors:
        raise ValidationError(errors)
    comment = ProfileComment(profile=profile, area=area, author=by, text=text)
    record_change(comment, by=by, reason=reason("experts.profile_commented"))
    comment.save()
    return comment


@transaction.atomic
def profile_return(*, profile: Profile, reason_text: str, by: User | None) -> Profile:
    """Return the profile to the lead expert with the reason (kept as a comment and in the history)."""
    profile = _locked(profile)
    _check_secretariat(profile, by, _("Only the secretariat returns profiles."))
    text = _clean(reason_text)
    if not text:
        raise ValidationError(
            {"reason": _("Say why the profile is returned: the expert reads it to correct it.")}
        )
    errors: dict[str, list[str]] = {}
    _too_long("reason", _("The reason"), text, MAX_TEXT, errors)
    if errors:
        raise ValidationError(errors)
    PROFILE_WORKFLOW.check(profile.status, ProfileStatus.RETURNED)
    ProfileComment.objects.create(profile=profile, author=by, text=text)
    profile.status = ProfileStatus.RETURNED
    record_change(profile, by=by, reason=reason("experts.profile_returned", words=text))
    profile.save()
    _tell(
        profile, NotificationKind.PROFILE_RETURNED, _lead_users(profile), "experts:profile_draft", reason=text
    )
    return profile


def _record_accession(profile: Profile, by: User | None) -> list[str]:
    """The accession steps that accepting this first visit's profile records; refused as a whole when the
    register refuses one."""
    assignment = profile.visit.assignment
    if assignment.kind.key != FIRST_VISIT or assignment.city is None:
        return []
    city = assignment.city
    recorded = set(AccessionStep.objects.filter(city=city).values_list("step", flat=True))
    note = _("Recorded when the intercultural profile (%(language)s) of “%(visit)s” was accepted.") % {
        "language": LANGUAGE_NAMES.get(profile.language, profile.language),
        "visit": assignment.title,
    }
    steps = (
        (AccessionStepKind.EXPERT_VISIT_HELD, assignment.ends_on),
        (AccessionStepKind.PROFILE_ISSUED, timezone.localdate()),
    )
    done = []
    for step, date in steps:
        if step in recorded:
            continue
        try:
            accession_record_step(city=city, step=step, date=date, by=by, note=note)
        except ValidationError as exc:
            raise ValidationError(
                _(
                    "The profile was not accepted: the register refuses to record “%(step)s” "
                    "for %(city)s. %(why)s"
                )
                % {"step": step.label, "city": city, "why": " ".join(exc.messages)}
            ) from exc
        done.append(str(step.label))
    return done


@transaction.atomic
def profile_accept(*, profile: Profile, by: User | None) -> list[str]:
    """Accept the profile; for a first visit, record the accession steps it completes. Returns the labels
    of the steps recorded (none when the register already had them)."""
    profile = _locked(profile)
    _check_secretariat(profile, by, _("Only the secretariat accepts profiles."))
    PROFILE_WORKFLOW.check(profile.status, ProfileStatus.ACCEPTED)
    if not profile.gender_equality.strip():
        raise ValidationError(
            {
                "gender_equality": _(
                    "Gender equality: this section is empty, and a profile is accepted only with it. "
                    "Return the profile to the lead expert with a comment asking how the city's work "
                    "considers women and men of migrant and minority background."
                )
            }
        )
    steps = _record_accession(profile, by)
    profile.status = ProfileStatus.ACCEPTED
    profile.accepted_at = timezone.now()
    ProfileComment.objects.filter(profile=profile, resolved_at__isnull=True).update(
        resolved_at=profile.accepted_at
    )
    record_change(profile, by=by, reason=reason("experts.profile_accepted"))
    profile.save()
    return steps


@transaction.atomic
def profile_share(*, profile: Profile, by: User | None) -> Profile:
    """Share the accepted profile with the city: its coordinator and contributors read it from now on."""
    profile = _locked(profile)
    _check_secretariat(profile, by, _("Only the secretariat shares profiles with the city."))
    PROFILE_WORKFLOW.check(profile.status, ProfileStatus.SHARED)
    profile.status = ProfileStatus.SHARED
    profile.shared_at = timezone.now()
    record_change(profile, by=by, reason=reason("experts.profile_shared"))
    profile.save()
    _tell(profile, NotificationKind.PROFILE_SHARED, _city_coordinators(profile), "experts:profile_detail")
    return profile


@transaction.atomic
def profile_publication_decide(*, profile: Profile, agreed: bool, by: User | None) -> Profile:
    """The city agrees to publish the shared profile (it appears on the city's public page at once) or
    withdraws its agreement (it leaves the public page at once). The city's coordinator decides; the
    secretariat may record a decision the city sent by letter."""
    profile = _locked(profile)
    access = _access(by, profile.visit.assignment)
    if not (access.city_coordinator or access.secretariat):
        raise PermissionDenied(_("Only the city's coordinator or the secretariat decides on publication."))
    target = ProfileStatus.PUBLISHED if agreed else ProfileStatus.SHARED
    PROFILE_WORKFLOW.check(profile.status, target)
    now = timezone.now()
    profile.status = target
    profile.city_agreed_at = now if agreed else None
    profile.published_at = now if agreed else None
    code = "experts.profile_published" if agreed else "experts.profile_withdrawn"
    record_change(profile, by=by, reason=reason(code))
    profile.save()
    public_content_changed()
    return profile


def profile_languages() -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES[code]) for code in PROFILE_LANGUAGES]


__all__ = [
    "PROFILE_WORKFLOW",
    "DraftSave",
    "index_areas",
    "profile_accept",
    "profile_area_save",
    "profile_comment_add",
    "profile_publication_decide",
    "profile_return",
    "profile_share",
    "profile_start",
    "profile_submit",
    "profile_summary_save",
    "visit_document_add",
    "visit_document_remove",
    "visit_record_update",
]
