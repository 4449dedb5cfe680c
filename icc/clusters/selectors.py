"""Reads of learning clusters and the policy lab. Access is decided here, once:

- the secretariat reads and changes everything;
- a cluster's lead expert reads it and writes its progress reports; the people of its member cities read it;
- any signed-in person reads a launched cluster (running or completed: the public API lists them too), but
  not its documents nor its progress reports; a planned or cancelled cluster is unknown to them (404);
- the policy lab's cohorts, applications and scores are the secretariat's; a call's page is public.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.rules import is_secretariat as is_secretariat
from icc.accounts.rules import require_secretariat as require_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.activities.models import Registration, RegistrationStatus
from icc.clusters import matching, selection
from icc.clusters.models import (
    ApplicationStatus,
    ClusterDocument,
    ClusterMeeting,
    ClusterMember,
    ClusterStatus,
    ClusterTarget,
    ClusterTheme,
    LabApplication,
    LabCall,
    LabCriterion,
    LabMember,
    LabSession,
    LearningCluster,
    PolicyLab,
    ProgressReport,
    ReportStatus,
)
from icc.clusters.regions import region_name, region_of
from icc.core.gender import GenderBalance, gender_balance
from icc.core.history import HistoryEntry, history_entries, reason_display
from icc.experts.selectors.pool import area_title, language_name
from icc.experts.selectors.work import country_languages
from icc.index.selectors.publication import published_responses
from icc.network.models import City, CityStatus

# --------------------------------------------------------------------------------------------- access


@dataclass(frozen=True)
class ClusterAccess:
    secretariat: bool = False
    lead: bool = False
    member_city: bool = False

    @property
    def involved(self) -> bool:
        """Reads the cluster's documents and meetings."""
        return self.secretariat or self.lead or self.member_city

    @property
    def reads_reports(self) -> bool:
        return self.secretariat or self.lead


def cluster_access(user: Any, cluster: LearningCluster) -> ClusterAccess:
    summary = user_roles_summary(user)
    if not summary.authenticated:
        return ClusterAccess()
    lead = bool(
        cluster.lead_expert_id
        and cluster.lead_expert is not None
        and cluster.lead_expert.user_id == user.pk
        and cluster.lead_expert.erased_at is None
    )
    member_city = bool(summary.city_ids) and cluster.members.filter(city_id__in=summary.city_ids).exists()
    return ClusterAccess(secretariat=summary.secretariat, lead=lead, member_city=member_city)


PUBLIC_STATUSES = (ClusterStatus.RUNNING, ClusterStatus.COMPLETED)
MEMBER_ORDER = ("-role", "city__name")  # mentors ("mentor" > "learner") first, then by name


def get_cluster_for_user(user: Any, pk: int) -> tuple[LearningCluster, ClusterAccess]:
    """A cluster and what `user` may do with it; 404 when they may not know it exists."""
    cluster = (
        LearningCluster.objects.select_related("theme", "lead_expert", "lead_expert__user")
        .filter(pk=pk)
        .first()
    )
    if cluster is None or not user.is_authenticated:
        raise Http404("No such cluster.")
    access = cluster_access(user, cluster)
    if access.involved or cluster.status in PUBLIC_STATUSES:
        return cluster, access
    raise Http404("No such cluster.")


# --------------------------------------------------------------------------------------------- clusters


def visible_clusters(user: Any) -> QuerySet[LearningCluster]:
    """The clusters `user` may read, with their theme, lead expert and members (a fixed number of queries)."""
    clusters = LearningCluster.objects.select_related("theme", "lead_expert").prefetch_related(
        Prefetch("members", queryset=ClusterMember.objects.select_related("city").order_by(*MEMBER_ORDER))
    )
    summary = user_roles_summary(user)
    if summary.secretariat:
        return clusters
    own = Q(lead_expert__user=user, lead_expert__erased_at__isnull=True) if summary.authenticated else Q()
    if summary.city_ids:
        own |= Q(members__city_id__in=summary.city_ids)
    return clusters.filter(Q(status__in=PUBLIC_STATUSES) | own).distinct()


def public_clusters() -> QuerySet[LearningCluster]:
    return (
        LearningCluster.objects.public()
        .select_related("theme", "lead_expert")
        .prefetch_related(
            Prefetch("members", queryset=ClusterMember.objects.select_related("city").order_by(*MEMBER_ORDER))
        )
    )


def themes() -> QuerySet[ClusterTheme]:
    return ClusterTheme.objects.all()


def theme_area_titles(theme: ClusterTheme) -> list[tuple[str, str]]:
    return [(key, area_title(key)) for key in theme.areas]


def cluster_members(cluster: LearningCluster) -> list[ClusterMember]:
    return list(cluster.members.select_related("city").order_by(*MEMBER_ORDER))


def cluster_reports(cluster: LearningCluster) -> list[ProgressReport]:
    return list(cluster.reports.select_related("submitted_by", "reviewed_by"))


def cluster_meetings(cluster: LearningCluster) -> list[ClusterMeeting]:
    return list(cluster.meetings.select_related("event", "event__host_city").order_by("event__starts_at"))


def terms_of_reference(cluster: LearningCluster) -> Any:
    return cluster.documents.filter(kind="terms").order_by("-created").first()


def cluster_history(cluster: LearningCluster, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: the cluster's own changes, and the member cities and documents added or taken out (each
    named, with its reason: the matching's or the secretariat's), removed ones included."""
    entries = history_entries(cluster, limit=limit)
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    cities = dict(City.objects.filter(cluster_memberships__cluster=cluster).values_list("pk", "name"))
    members = list(
        ClusterMember.history.filter(cluster_id=cluster.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    missing = {row.city_id for row in members} - set(cities)
    cities.update(City.objects.filter(pk__in=missing).values_list("pk", "name"))
    documents = list(
        ClusterDocument.history.filter(cluster_id=cluster.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    for row, subject in [
        *((m, cities.get(m.city_id, "")) for m in members),
        *((d, d.name) for d in documents),
    ]:
        reason = reason_display(row.history_change_reason)
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else _("the system"),
                action=str(actions.get(row.history_type, row.history_type)),
                reason=f"{subject}: {reason}" if reason else subject,
            )
        )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def cluster_gender_balance(cluster: LearningCluster) -> GenderBalance:
    """The cities' delegates: each person registered for one of the cluster's meetings counted once (their
    self-declared gender), through icc.core.gender."""
    genders = (
        Registration.objects.filter(event__cluster_meeting__cluster=cluster)
        .exclude(status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED))
        .order_by()  # the default ordering would make every registration distinct
        .values_list("contact_id", "contact__gender")
        .distinct()
    )
    return gender_balance(gender for _contact, gender in genders)


def next_report_due(
    cluster: LearningCluster, reports: Iterable[ProgressReport] | None = None
) -> datetime.date:
    """When the lead expert's next progress report is due: `report_every_months` after the end of the last
    period reported (returned reports count: they are being redone), or after the start."""
    rows = list(reports) if reports is not None else list(cluster.reports.all())
    last = max((r.period_end for r in rows), default=cluster.starts_on)
    return add_months(last, cluster.report_every_months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class TargetProgress:
    year: int
    target: int
    launched: list[LearningCluster]

    @property
    def met(self) -> bool:
        return len(self.launched) >= self.target


def targets_progress() -> list[TargetProgress]:
    """Each year's target against the clusters launched that year (started, not cancelled)."""
    launched = list(
        LearningCluster.objects.exclude(status__in=(ClusterStatus.CANCELLED, ClusterStatus.PLANNED))
        .select_related("theme")
        .order_by("starts_on", "pk")
    )
    return [
        TargetProgress(t.year, t.clusters, [c for c in launched if c.starts_on.year == t.year])
        for t in ClusterTarget.objects.all()
    ]


# --------------------------------------------------------------------------------------------- matching


def city_scores(*, before: datetime.date | None = None) -> list[matching.CityScores]:
    """Every member city with published Index results: its newest published score in each area (an area its
    newest round does not have is taken from the round before), its languages and region. `before`: only the
    rounds opened before that day (what the secretariat could see when a cluster was formed)."""
    found: dict[int, dict[str, float]] = {}
    cities: dict[int, City] = {}
    responses = published_responses().filter(city__status=CityStatus.MEMBER)
    if before is not None:
        responses = responses.filter(round__opens_on__lt=before)
    for response in responses:
        scores = found.setdefault(response.city_id, {})
        cities[response.city_id] = response.city
        for area, value in (response.score.scores.get("areas") or {}).items():
            if value is not None and area not in scores:
                scores[area] = float(value)
    return [
        matching.CityScores(
            key=city.slug,
            name=city.name,
            languages=tuple(country_languages(city.country)),
            region=region_of(city.country),
            scores=found[pk],
        )
        for pk, city in cities.items()
    ]


def reason_text(reason: matching.Reason) -> str:
    """A matching reason in the reader's language."""
    values = dict(reason.values)
    code = reason.code
    if code == matching.STRONG:
        return _("scores %(score)s in the theme's areas, above the network's mean of %(mean)s") % values
    if code == matching.WEAK:
        return _("scores %(score)s in the theme's areas, below the network's mean of %(mean)s") % values
    if code == matching.BEST_AREA:
        return _("strongest in %(area)s (%(score)s)") % {**values, "area": area_title(str(values["area"]))}
    if code == matching.WEAKEST_AREA:
        return _("weakest in %(area)s (%(score)s)") % {**values, "area": area_title(str(values["area"]))}
    if code == matching.PARTIAL:
        return _("scored in %(scored)s of the theme's %(areas)s areas") % values
    if code == matching.NEW_LANGUAGE:
        return _("brings a language: %(language)s") % {"language": language_name(str(values["language"]))}
    if code == matching.NEW_REGION:
        return _("brings a region: %(region)s") % {"region": region_name(str(values["region"]))}
    if code == matching.SHARES_LANGUAGE:
        return _("shares %(language)s with a mentor") % {"language": language_name(str(values["language"]))}
    if code == matching.NO_SCORES:
        return _("no published score in the theme's areas")
    if code == matching.ALREADY_MEMBER:
        return _("already a member")
    return code


def suggestion_record(suggestion: matching.Suggestion) -> dict[str, Any]:
    """What a member keeps of the suggestion it was chosen from (ClusterMember.matching): codes and numbers,
    read again in the reader's language."""
    return {
        "theme_score": suggestion.theme_score,
        "area_scores": dict(suggestion.area_scores),
        "reasons": [{"code": r.code, "values": dict(r.values)} for r in suggestion.reasons],
    }


def recorded_reasons(record: dict[str, Any]) -> list[str]:
    return [
        reason_text(matching.Reason(str(r.get("code", "")), dict(r.get("values") or {})))
        for r in record.get("reasons", [])
    ]


def cluster_matching(cluster: LearningCluster, *, mentors: int = 3, learners: int = 6) -> matching.Matching:
    """The suggestion for the cluster's theme, its members left out."""
    members = cluster.members.values_list("city__slug", flat=True)
    return matching.suggest_membership(
        city_scores(), cluster.theme.areas, mentors=mentors, learners=learners, exclude=list(members)
    )


# --------------------------------------------------------------------------------------------- policy lab


def labs() -> QuerySet[PolicyLab]:
    return PolicyLab.objects.annotate(
        member_count=Count("members", distinct=True), session_count=Count("sessions", distinct=True)
    )


def get_lab(pk: int) -> PolicyLab:
    lab = PolicyLab.objects.filter(pk=pk).first()
    if lab is None:
        raise Http404("No such cohort.")
    return lab


def active_criteria() -> list[LabCriterion]:
    return list(LabCriterion.objects.filter(active=True))


def criteria_data(criteria: Iterable[LabCriterion]) -> list[selection.Criterion]:
    return [selection.Criterion(c.key, float(c.weight), c.max_score) for c in criteria]


def open_calls(day: datetime.date | None = None) -> QuerySet[LabCall]:
    return LabCall.objects.open_on(day or timezone.localdate()).select_related("lab")


@dataclass(frozen=True)
class ScoredApplication:
    application: LabApplication
    scores: dict[str, int]  # criterion key -> score
    total: selection.Total
    rank: int | None


def call_applications(call: LabCall) -> list[ScoredApplication]:
    """A call's applications with their scores, totals and ranks (ranked first, then the others by date)."""
    criteria = active_criteria()
    data = criteria_data(criteria)
    applications = list(call.applications.prefetch_related("scores__criterion").order_by("created", "pk"))
    rows = []
    for application in applications:
        scores = {s.criterion.key: s.score for s in application.scores.all()}
        rows.append((application, scores, selection.application_total(data, scores)))
    ranks = {r.key: r.rank for r in selection.rank_applications((a.pk, a.full_name, t) for a, _s, t in rows)}
    result = [ScoredApplication(a, s, t, ranks.get(a.pk)) for a, s, t in rows]
    return sorted(result, key=lambda r: (r.rank is None, r.rank or 0, r.application.full_name.casefold()))


def application_for_secretariat(user: Any, pk: int) -> LabApplication:
    require_secretariat(user)
    application = (
        LabApplication.objects.select_related("call", "call__lab", "decided_by").filter(pk=pk).first()
    )
    if application is None:
        raise Http404("No such application.")
    return application


@dataclass(frozen=True)
class CohortFigures:
    members: list[LabMember]
    sessions: list[LabSession]
    balance: GenderBalance
    by_type: dict[str, int]
    continuity: selection.CohortContinuity
    member_rows: list[tuple[LabMember, selection.MemberContinuity]]


def cohort_figures(lab: PolicyLab, *, today: datetime.date | None = None) -> CohortFigures:
    """A cohort's members with their gender balance (icc.core.gender) and organisation types, its sessions,
    and the attendance continuity (icc.clusters.selection) from the sessions' registrations."""
    today = today or timezone.localdate()
    members = list(lab.members.select_related("contact").order_by("contact__full_name", "pk"))
    sessions = list(lab.sessions.select_related("event").order_by("event__starts_at"))
    attended: dict[int, set[int]] = {}
    for contact_id, event_id in Registration.objects.filter(
        event__lab_session__lab=lab, attended=True
    ).values_list("contact_id", "event_id"):
        attended.setdefault(contact_id, set()).add(event_id)
    result = selection.continuity(
        [selection.Session(s.event_id, timezone.localtime(s.event.starts_at).date()) for s in sessions],
        [
            selection.MemberAttendance(m.pk, m.joined_on, frozenset(attended.get(m.contact_id, set())))
            for m in members
        ],
        today=today,
    )
    by_member = {row.member: row for row in result.members}
    by_type: dict[str, int] = {}
    for member in members:
        by_type[member.organisation_type] = by_type.get(member.organisation_type, 0) + 1
    return CohortFigures(
        members=members,
        sessions=sessions,
        balance=gender_balance(m.contact.gender for m in members),
        by_type=by_type,
        continuity=result,
        member_rows=[(m, by_member[m.pk]) for m in members],
    )


def session_attendance(session: LabSession) -> tuple[int, int]:
    """(attended, registered) at one session."""
    rows = session.event.registrations.exclude(
        status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED)
    )
    return rows.filter(attended=True).count(), rows.count()


def applications_to_decide() -> QuerySet[LabApplication]:
    return LabApplication.objects.filter(status=ApplicationStatus.SUBMITTED)


def reports_to_review() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
