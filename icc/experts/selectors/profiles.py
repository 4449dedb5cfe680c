"""Visits and intercultural profiles: who may read and change them (house rule 4: one access helper per
resource), and what their pages show.

- The secretariat reads and changes every visit and profile, reviews, shares and publishes profiles.
- The experts on an assignment's team read its visit and profiles and keep the visit's record; the lead
  expert drafts the profile (while it is being drafted or after it was returned).
- The city's people (coordinator and contributors) read their city's visits, and a profile once it is shared
  with the city; the coordinator agrees to its publication (or withdraws it).
- Everybody reads a published profile on the city's public page (`Profile.objects.public()`).
A person who may not know that a visit exists gets 404; one who may read it but not do this, 403.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import get_language, gettext, override

from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries
from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    Expert,
    Profile,
    ProfileArea,
    ProfileComment,
    ProfileStatus,
    StakeholderCategory,
    StakeholderMeeting,
    Visit,
)
from icc.index.models import localized
from icc.index.services.questionnaires import SHIPPED_DIR

FIRST_VISIT = "first_visit"  # the WorkKind whose visit report is the intercultural profile
PROFILE_LANGUAGES = ("en", "fr")
# The Index version whose areas a profile follows: the current one (its areas, in its order).
CURRENT_VERSION = "icc-2019.yaml"
NOT_PROFILED = {"facts"}  # the city's facts are figures, not a policy area
SUMMARY = "summary"  # the part of a profile that is not an area
GENDER_EQUALITY = "gender_equality"  # the profile's gender-equality section, a text like the summary
# Profiles the city's people may read.
CITY_VISIBLE = (ProfileStatus.SHARED, ProfileStatus.PUBLISHED)
EDITABLE = (ProfileStatus.DRAFTING, ProfileStatus.RETURNED)


# --------------------------------------------------------------------------------------------- areas


@dataclass(frozen=True)
class IndexArea:
    key: str
    titles: dict[str, str]

    @property
    def title(self) -> str:
        return localized(self.titles) or self.key.replace("_", " ")

    def title_in(self, language: str) -> str:
        return localized(self.titles, language) or self.key.replace("_", " ")


@cache
def index_areas() -> tuple[IndexArea, ...]:
    """The Index areas a profile speaks of, in the current questionnaire's order (the optional areas too)."""
    document = yaml.safe_load((SHIPPED_DIR / CURRENT_VERSION).read_text(encoding="utf-8"))
    return tuple(
        IndexArea(area["id"], dict(area.get("title") or {}))
        for area in document.get("areas", [])
        if area["id"] not in NOT_PROFILED
    )


def index_area(key: str) -> IndexArea | None:
    return next((area for area in index_areas() if area.key == key), None)


# --------------------------------------------------------------------------------------------- access


@dataclass
class VisitAccess:
    """What one person may do with one visit."""

    secretariat: bool = False
    on_team: bool = False
    lead: bool = False
    city_person: bool = False
    city_coordinator: bool = False

    @property
    def can_read(self) -> bool:
        return self.secretariat or self.on_team or self.city_person

    @property
    def can_keep_record(self) -> bool:
        return self.secretariat or self.on_team

    @property
    def can_draft(self) -> bool:
        return self.lead

    def can_read_profile(self, profile: Profile) -> bool:
        return self.secretariat or self.on_team or (self.city_person and profile.status in CITY_VISIBLE)


def expert_of(user: Any) -> Expert | None:
    """The pool record linked to the user's account, if the user signs in as an expert."""
    if not user.is_authenticated or not user_roles_summary(user).expert:
        return None
    return Expert.objects.filter(user=user, erased_at__isnull=True).first()


def visit_access(user: Any, assignment: Assignment) -> VisitAccess:
    summary = user_roles_summary(user)
    access = VisitAccess(secretariat=summary.secretariat)
    if not summary.authenticated:
        return access
    expert = expert_of(user)
    if expert is not None:
        member = next((m for m in assignment.team.all() if m.expert_id == expert.pk), None)
        access.on_team = member is not None
        access.lead = bool(member and member.lead)
    if assignment.city_id is not None:
        access.city_person = assignment.city_id in summary.city_ids
        access.city_coordinator = assignment.city_id in summary.coordinated_city_ids
    return access


def _assignments() -> QuerySet[Assignment]:
    return Assignment.objects.select_related("kind", "city", "national_network").prefetch_related(
        Prefetch("team", queryset=AssignmentExpert.objects.select_related("expert"))
    )


def get_visit_for_user(user: Any, assignment_pk: int, *, write: bool = False) -> tuple[Visit, VisitAccess]:
    """The visit of an assignment that is a visit (its record, unsaved until someone writes it), and what the
    person may do with it. 404 when the person may not know it, 403 when `write` and they may only read."""
    assignment = _assignments().filter(pk=assignment_pk, kind__is_visit=True).first()
    if assignment is None:
        raise Http404("No such visit.")
    access = visit_access(user, assignment)
    if not access.can_read:
        raise Http404("No such visit.")
    if write and not access.can_keep_record:
        raise PermissionDenied
    visit = Visit.objects.filter(assignment=assignment).first() or Visit(assignment=assignment)
    visit.assignment = assignment  # the one loaded with its team
    return visit, access


def get_profile_for_user(user: Any, pk: int) -> tuple[Profile, VisitAccess]:
    """A profile with its visit, and what the person may do; 404 for who may not read it (a city's people
    before it is shared with the city)."""
    profile = Profile.objects.select_related("visit").filter(pk=pk).first()
    if profile is None:
        raise Http404("No such profile.")
    assignment = _assignments().get(pk=profile.visit.assignment_id)
    profile.visit.assignment = assignment
    access = visit_access(user, assignment)
    if not access.can_read_profile(profile):
        raise Http404("No such profile.")
    return profile, access


# --------------------------------------------------------------------------------------------- pages


@dataclass
class StakeholderLine:
    category: str
    label: str
    count: int
    note: str


@dataclass
class VisitPage:
    visit: Visit
    assignment: Assignment
    access: VisitAccess
    is_first_visit: bool
    team: list[AssignmentExpert]
    stakeholders: list[StakeholderLine]
    stakeholders_total: int
    documents: list[Any]
    profiles: list[Profile]  # those the person may read, by language
    languages_missing: list[str]  # profile languages not started yet (first visit only)


def stakeholder_lines(visit: Visit) -> list[StakeholderLine]:
    """Every category, in the order of the issue, with the number met (0 when none recorded)."""
    stored = {m.category: m for m in visit.meetings.all()} if visit.pk else {}
    return [
        StakeholderLine(
            category=value,
            label=str(label),
            count=stored[value].count if value in stored else 0,
            note=stored[value].note if value in stored else "",
        )
        for value, label in StakeholderCategory.choices
    ]


def visit_page(visit: Visit, access: VisitAccess) -> VisitPage:
    assignment = visit.assignment
    is_first = assignment.kind.key == FIRST_VISIT
    profiles: list[Profile] = []
    documents: list[Any] = []
    if visit.pk:
        profiles = [p for p in visit.profiles.all() if access.can_read_profile(p)]
        documents = list(visit.documents.select_related("uploaded_by"))
    started = {p.language for p in visit.profiles.all()} if visit.pk else set()
    lines = stakeholder_lines(visit)
    return VisitPage(
        visit=visit,
        assignment=assignment,
        access=access,
        is_first_visit=is_first,
        team=list(assignment.team.all()),
        stakeholders=lines,
        stakeholders_total=sum(line.count for line in lines),
        documents=documents,
        profiles=sorted(profiles, key=lambda p: PROFILE_LANGUAGES.index(p.language)),
        languages_missing=[lang for lang in PROFILE_LANGUAGES if lang not in started] if is_first else [],
    )


def visible_visits(user: Any) -> QuerySet[Assignment]:
    """The visits a person may read, newest first: all for the secretariat, an expert's own, a city's."""
    summary = user_roles_summary(user)
    visits = _assignments().filter(kind__is_visit=True).prefetch_related("visit__profiles")
    if summary.secretariat:
        return visits
    expert = expert_of(user)
    mine = visits.filter(city_id__in=summary.city_ids)
    if expert is not None:
        mine = mine | visits.filter(team__expert=expert)
    return mine.distinct()


@dataclass
class AreaBlock:
    """One part of a profile as its pages show it: an Index area (or the summary) with its texts."""

    key: str
    title: str
    strengths: str = ""
    needs: str = ""
    recommendations: str = ""
    summary: str = ""
    revision: str = ""  # the stored row's last change, sent back by the form to detect a colleague's save
    saved_at: Any = None
    saved_by: str = ""
    comments: list[ProfileComment] = field(default_factory=list)
    error: str = ""

    @property
    def is_summary(self) -> bool:
        return self.key == SUMMARY

    @property
    def is_gender_equality(self) -> bool:
        """The gender-equality section: one text (held in `summary`, as the summary's), not an area."""
        return self.key == GENDER_EQUALITY

    @property
    def dom_id(self) -> str:
        return f"area-{self.key.replace('_', '-')}"

    @property
    def written(self) -> bool:
        if self.is_summary or self.is_gender_equality:
            return bool(self.summary)
        return bool(self.strengths or self.needs or self.recommendations)


def revision_of(obj: Any) -> str:
    return obj.updated.isoformat() if obj is not None and obj.pk and obj.updated else ""


def _last_saver(obj: Any) -> str:
    record = obj.history.order_by("-history_date").select_related("history_user").first()
    return str(record.history_user) if record is not None and record.history_user else ""


def summary_block(profile: Profile, *, with_saver: bool = False) -> AreaBlock:
    with override(profile.language):  # a heading of the profile's text, in the profile's language
        title = gettext("Summary")
    block = AreaBlock(key=SUMMARY, title=title, summary=profile.summary)
    if profile.summary:
        block.revision = revision_of(profile)
        block.saved_at = profile.updated
        if with_saver:
            block.saved_by = _last_saver(profile)
    return block


def gender_equality_block(profile: Profile, *, with_saver: bool = False) -> AreaBlock:
    with override(profile.language):  # a heading of the profile's text, in the profile's language
        title = gettext("Gender equality")
    block = AreaBlock(key=GENDER_EQUALITY, title=title, summary=profile.gender_equality)
    if profile.gender_equality:
        block.revision = revision_of(profile)
        block.saved_at = profile.updated
        if with_saver:
            block.saved_by = _last_saver(profile)
    return block


def area_block(
    profile: Profile, area: IndexArea, stored: ProfileArea | None, *, with_saver: bool
) -> AreaBlock:
    block = AreaBlock(key=area.key, title=area.title_in(profile.language))
    if stored is not None:
        block.strengths, block.needs, block.recommendations = (
            stored.strengths,
            stored.needs,
            stored.recommendations,
        )
        block.revision = revision_of(stored)
        block.saved_at = stored.updated
        if with_saver:
            block.saved_by = _last_saver(stored)
    return block


@dataclass
class ProfilePage:
    profile: Profile
    access: VisitAccess
    blocks: list[AreaBlock]  # the summary first, then every area, then the gender-equality section
    general_comments: list[ProfileComment]
    written_count: int
    history: list[HistoryEntry]

    @property
    def area_count(self) -> int:
        return len(self.blocks) - 2  # not the summary nor the gender-equality section

    @property
    def gender_equality_written(self) -> bool:
        return bool(self.profile.gender_equality)


def profile_page(profile: Profile, access: VisitAccess, *, with_history: bool = False) -> ProfilePage:
    stored = {a.area: a for a in profile.areas.all()}
    comments = list(profile.comments.select_related("author").order_by("created"))
    blocks = [summary_block(profile, with_saver=True)]
    blocks += [area_block(profile, area, stored.get(area.key), with_saver=False) for area in index_areas()]
    blocks.append(gender_equality_block(profile, with_saver=True))
    for block in blocks:
        block.comments = [c for c in comments if c.area == block.key]
    return ProfilePage(
        profile=profile,
        access=access,
        blocks=blocks,
        general_comments=[c for c in comments if not c.area],
        written_count=sum(1 for b in blocks if b.written),
        history=history_entries(profile) if with_history else [],
    )


def area_for_save(profile: Profile, key: str) -> IndexArea | None:
    """The area a save is about, or None for the summary and the gender-equality section; 404 for anything
    else."""
    if key in (SUMMARY, GENDER_EQUALITY):
        return None
    area = index_area(key)
    if area is None:
        raise Http404("No such area.")
    return area


def stored_area(profile: Profile, key: str) -> ProfileArea | None:
    return ProfileArea.objects.filter(profile=profile, area=key).first()


def meetings_of(visit: Visit) -> dict[str, StakeholderMeeting]:
    return {m.category: m for m in visit.meetings.all()} if visit.pk else {}


# --------------------------------------------------------------------------------------------- public


@dataclass
class PublicProfileVersion:
    language: str
    language_name: str
    profile: Profile | None  # None: this language version is not published
    blocks: list[AreaBlock] = field(default_factory=list)


@dataclass
class PublicProfile:
    """A first visit's published profile, as the city's public page shows it: each language version that is
    published, the other marked missing."""

    visit_date: Any
    versions: list[PublicProfileVersion]
    shown: PublicProfileVersion  # the version in the reader's language, else the other one


def public_profiles_of_city(city_id: int) -> list[PublicProfile]:
    """The city's published profiles (one per first visit), newest visit first. Only what
    `Profile.objects.public()` lets out: no comment, no draft, no profile of an unpublished language."""
    published = list(
        Profile.objects.public()
        .filter(visit__assignment__city_id=city_id, visit__assignment__kind__key=FIRST_VISIT)
        .select_related("visit__assignment")
        .prefetch_related("areas")
        .order_by("-visit__assignment__ends_on", "language")
    )
    by_visit: dict[int, dict[str, Profile]] = {}
    for profile in published:
        by_visit.setdefault(profile.visit_id, {})[profile.language] = profile
    reader = (get_language() or "en").split("-")[0]
    names = {"en": "English", "fr": "français"}
    result = []
    for languages in by_visit.values():
        any_profile = next(iter(languages.values()))
        versions = []
        for language in PROFILE_LANGUAGES:
            version = PublicProfileVersion(language, names[language], languages.get(language))
            if version.profile is not None:
                shown = version.profile
                stored = {a.area: a for a in shown.areas.all()}
                version.blocks = [summary_block(shown)] + [
                    b
                    for area in index_areas()
                    if (b := area_block(shown, area, stored.get(area.key), with_saver=False)).written
                ]
                if shown.gender_equality:
                    version.blocks.append(gender_equality_block(shown))
            versions.append(version)
        first = next((v for v in versions if v.language == reader and v.profile), None) or next(
            v for v in versions if v.profile
        )
        result.append(PublicProfile(any_profile.visit.assignment.ends_on, versions, first))
    return result


# --------------------------------------------------------------------------------------------- needs you


def profile_attention_items(user: Any, summary: Any) -> list[Any]:
    """What profiles ask of a person now ("needs you", for icc/experts/attention.py to contribute): the
    secretariat's profiles to review and accepted ones to share, a lead expert's drafts and returned profiles,
    a city coordinator's shared profiles awaiting the city's decision. At most one query per role held; none
    for a person with no part in profiles. Each line links to the oldest piece of work."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils.translation import ngettext

    from icc.core.attention import AttentionItem

    def item(key: str, rows: list[Profile], label: str, url_name: str, when: str) -> AttentionItem:
        oldest = min(rows, key=lambda p: getattr(p, when) or p.created)
        return AttentionItem(
            key=key,
            label=label,
            count=len(rows),
            oldest=getattr(oldest, when) or oldest.created,
            url=reverse(url_name, args=[oldest.pk]),
        )

    items: list[Any] = []
    if summary.secretariat:
        waiting = list(
            Profile.objects.filter(status__in=(ProfileStatus.SUBMITTED, ProfileStatus.ACCEPTED)).only(
                "pk", "status", "created", "submitted_at", "accepted_at"
            )
        )
        submitted = [p for p in waiting if p.status == ProfileStatus.SUBMITTED]
        accepted = [p for p in waiting if p.status == ProfileStatus.ACCEPTED]
        if submitted:
            label = ngettext(
                "%(n)s intercultural profile submitted for review",
                "%(n)s intercultural profiles submitted for review",
                len(submitted),
            ) % {"n": len(submitted)}
            items.append(
                item("experts.profile_review", submitted, label, "experts:profile_review", "submitted_at")
            )
        if accepted:
            label = ngettext(
                "%(n)s accepted intercultural profile to share with its city",
                "%(n)s accepted intercultural profiles to share with their cities",
                len(accepted),
            ) % {"n": len(accepted)}
            items.append(
                item("experts.profile_share", accepted, label, "experts:profile_detail", "accepted_at")
            )
    if summary.expert:
        drafts = list(
            Profile.objects.filter(
                status__in=EDITABLE,
                visit__assignment__team__lead=True,
                visit__assignment__team__expert__user=user,
                visit__assignment__team__expert__erased_at__isnull=True,
            ).only("pk", "status", "created", "submitted_at")
        )
        if drafts:
            returned = sum(1 for p in drafts if p.status == ProfileStatus.RETURNED)
            label = ngettext(
                "%(n)s intercultural profile to write and submit",
                "%(n)s intercultural profiles to write and submit",
                len(drafts),
            ) % {"n": len(drafts)}
            found = item("experts.profile_draft", drafts, label, "experts:profile_draft", "created")
            if returned:
                detail = ngettext(
                    "%(n)s returned by the secretariat", "%(n)s returned by the secretariat", returned
                ) % {"n": returned}
                found = dataclasses.replace(found, detail=detail)
            items.append(found)
    if summary.coordinated_city_ids:
        shared = list(
            Profile.objects.filter(
                Q(status=ProfileStatus.SHARED), visit__assignment__city_id__in=summary.coordinated_city_ids
            ).only("pk", "status", "created", "shared_at")
        )
        if shared:
            label = ngettext(
                "%(n)s intercultural profile shared with your city: decide on its publication",
                "%(n)s intercultural profiles shared with your city: decide on their publication",
                len(shared),
            ) % {"n": len(shared)}
            items.append(
                item("experts.profile_publication", shared, label, "experts:profile_detail", "shared_at")
            )
    return items
