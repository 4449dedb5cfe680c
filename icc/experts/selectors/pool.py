"""Reads of the expert pool. Access to an expert's record is decided here, once:
- the secretariat reads and changes every record (the pool list, the figures, targets, erasure);
- an expert reads and corrects their own record (matched by their user account), nobody else's;
- anyone else does not learn that a record exists (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.accounts.selectors import user_roles_summary
from icc.core.countries import country_name
from icc.core.gender import GenderCell
from icc.core.history import HistoryEntry, history_entries, reason_display
from icc.core.search import search
from icc.experts import pool
from icc.experts.models import (
    SPEAKING_LEVELS,
    Expert,
    ExpertCountry,
    ExpertExpertise,
    ExpertLanguage,
    ExpertStatus,
    LanguageLevel,
    PoolTarget,
    Theme,
    TrainingRecord,
)
from icc.experts.selectors.profiles import index_area, index_areas
from icc.reports import charts

# --------------------------------------------------------------------------------------------- access


def may_manage_pool(user: Any) -> bool:
    return user_roles_summary(user).secretariat


def require_pool_manager(user: Any) -> None:
    """The pool's list, figures, targets and erasure: the secretariat's alone (403 for anyone else)."""
    if not may_manage_pool(user):
        raise PermissionDenied


def own_expert(user: Any) -> Expert | None:
    """The signed-in person's own pool record (an erased record belongs to nobody)."""
    if not user.is_authenticated:
        return None
    return Expert.objects.filter(user=user, erased_at__isnull=True).first()


def get_expert_for_user(user: Any, pk: int, *, manage: bool = False) -> Expert:
    """An expert's record for the secretariat, or for the expert themself (unless `manage`: the secretariat's
    actions, 403 for the expert); 404 for anyone else, as if it did not exist."""
    expert = Expert.objects.select_related("user", "mentor").filter(pk=pk).first()
    if expert is None:
        raise Http404("No such expert.")
    if may_manage_pool(user):
        return expert
    if user.is_authenticated and expert.user_id == user.pk and expert.erased_at is None:
        if manage:
            raise PermissionDenied
        return expert
    raise Http404("No such expert.")


# --------------------------------------------------------------------------------------------- names


def _locale() -> Locale:
    try:
        return Locale.parse((get_language() or "en").split("-")[0])
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def language_name(code: str) -> str:
    """A language's name in the reader's language ("French" / « français »)."""
    return str(_locale().languages.get(code, code))


@cache
def _language_choices(language: str) -> list[tuple[str, str]]:
    try:
        names = Locale.parse(language).languages
    except (UnknownLocaleError, ValueError):
        names = Locale("en").languages
    two_letters = [(code, str(name)) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(two_letters, key=lambda item: item[1].casefold())


def language_choices() -> list[tuple[str, str]]:
    """Every language with a two-letter ISO 639-1 code, named in the reader's language, by name."""
    return _language_choices((get_language() or "en").split("-")[0])


def is_language_code(code: str) -> bool:
    return any(code == known for known, _name in _language_choices("en"))


def area_choices() -> list[tuple[str, str]]:
    """The Index areas (keys of the current questionnaire, in its order) with their titles."""
    return [(area.key, area.title) for area in index_areas()]


def area_title(key: str) -> str:
    area = index_area(key)
    return area.title if area is not None else key.replace("_", " ")


# --------------------------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class PoolFilters:
    q: str = ""
    status: str = ""
    language: str = ""
    area: str = ""
    theme: str = ""
    gender: str = ""


def experts_with_details() -> QuerySet[Expert]:
    """Experts with everything a record shows, in a fixed number of queries."""
    return Expert.objects.select_related("user", "mentor").prefetch_related(
        "languages",
        "countries_known",
        Prefetch("expertise", queryset=ExpertExpertise.objects.select_related("theme")),
    )


def pool_list(filters: PoolFilters) -> QuerySet[Expert]:
    """The pool as the secretariat filters it, by name; erased records are not in it."""
    experts = experts_with_details().filter(erased_at__isnull=True)
    if filters.q:
        experts = search(experts, filters.q, ["full_name", "email"])
    if filters.status:
        experts = experts.filter(status=filters.status)
    if filters.gender:
        experts = experts.filter(gender=filters.gender)
    if filters.language:
        experts = experts.filter(
            pk__in=ExpertLanguage.objects.filter(language=filters.language, level__in=SPEAKING_LEVELS).values(
                "expert"
            )
        )
    if filters.area:
        experts = experts.filter(pk__in=ExpertExpertise.objects.filter(area=filters.area).values("expert"))
    if filters.theme:
        experts = experts.filter(
            pk__in=ExpertExpertise.objects.filter(theme__key=filters.theme).values("expert")
        )
    return experts.order_by("full_name", "pk")


def speaks(expert: Expert, language: str) -> bool:
    """From the prefetched languages: whether the expert speaks `language` at a working level or better."""
    return any(
        entry.language == language and entry.level in SPEAKING_LEVELS for entry in expert.languages.all()
    )


def mentor_choices(exclude: Expert | None = None) -> QuerySet[Expert]:
    """Experts who may mentor: active ones, not erased, never the expert themself; and the expert's current
    mentor whatever their status, so that a mentor who left does not block changing the record."""
    experts = Expert.objects.filter(
        Q(status=ExpertStatus.ACTIVE, erased_at__isnull=True)
        | Q(pk=exclude.mentor_id if exclude is not None and exclude.mentor_id else None)
    )
    if exclude is not None and exclude.pk:
        experts = experts.exclude(pk=exclude.pk)
    return experts.order_by("full_name")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("order", "key")


def status_counts() -> dict[str, int]:
    rows = Expert.objects.filter(erased_at__isnull=True).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


# --------------------------------------------------------------------------------------------- history


def _item_text(row: Any) -> str:
    """One language, field of expertise, country known or training session, as the history names it."""
    if isinstance(row, ExpertLanguage.history.model):
        level = dict(LanguageLevel.choices).get(row.level, row.level)
        return f"{language_name(row.language)} ({level}{', ' + _('working language') if row.working else ''})"
    if isinstance(row, ExpertExpertise.history.model):
        if row.area:
            return area_title(row.area)
        theme = Theme.objects.filter(pk=row.theme_id).first()
        return str(theme) if theme else "–"
    if isinstance(row, ExpertCountry.history.model):
        return country_name(row.country)
    presence = _("attended") if row.attended else _("did not attend")
    return f"{row.session} ({formats.date_format(row.held_on, 'DATE_FORMAT')}, {presence})"


def expert_history(expert: Expert, limit: int = 100) -> list[HistoryEntry]:
    """Newest first: the changes of the record itself and of its languages, expertise, countries known and
    training, each a line of its own ("Languages: French (fluent) added")."""
    entries = history_entries(expert, limit=limit)
    actions = {
        "+": _("%(what)s added: %(item)s"),
        "~": _("%(what)s changed: %(item)s"),
        "-": _("%(what)s removed: %(item)s"),
    }
    parts: list[tuple[Any, str]] = [
        (ExpertLanguage, _("language")),
        (ExpertExpertise, _("field of expertise")),
        (ExpertCountry, _("country known")),
        (TrainingRecord, _("training session")),
    ]
    for model, what in parts:
        rows = (
            model.history.filter(expert_id=expert.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:limit]
        )
        for row in rows:
            action = actions.get(row.history_type, actions["~"]) % {"what": what, "item": _item_text(row)}
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=str(row.history_user) if row.history_user else _("the system"),
                    action=action,
                    reason=reason_display(row.history_change_reason),
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


# --------------------------------------------------------------------------------------------- figures


def pool_facts() -> list[pool.ExpertFacts]:
    """Every expert of the pool (not erased) as the pure figures need them, in three queries."""
    experts = Expert.objects.filter(erased_at__isnull=True).prefetch_related(
        Prefetch("languages", queryset=ExpertLanguage.objects.filter(level__in=SPEAKING_LEVELS)),
        Prefetch("expertise", queryset=ExpertExpertise.objects.filter(~Q(area=""))),
    )
    return [
        pool.ExpertFacts(
            status=expert.status,
            gender=expert.gender,
            languages=frozenset(entry.language for entry in expert.languages.all()),
            areas=frozenset(entry.area for entry in expert.expertise.all()),
        )
        for expert in experts
    ]


@dataclass(frozen=True)
class TargetLine:
    target: PoolTarget
    progress: pool.TargetProgress


@dataclass(frozen=True)
class PoolFigures:
    active: int
    total: int
    by_status: dict[str, int]
    genders: list[GenderCell]
    women_share: float | None
    languages: list[pool.KeyCount]
    french_speakers: int
    areas: list[pool.KeyCount]
    thin_areas: list[pool.KeyCount]
    thin_languages: list[pool.KeyCount]
    targets: list[TargetLine]


def pool_figures() -> PoolFigures:
    facts = pool_facts()
    areas = pool.by_area(facts, [key for key, _title in area_choices()])
    languages = pool.by_language(facts)
    targets = [
        TargetLine(target, pool.target_progress(target.kind, float(target.value), target.due_on, facts))
        for target in PoolTarget.objects.order_by("kind", "due_on")
    ]
    return PoolFigures(
        active=len(pool.active(facts)),
        total=len(facts),
        by_status=status_counts(),
        genders=pool.by_gender(facts),
        women_share=pool.women_share(facts),
        languages=languages,
        french_speakers=pool.french_speakers(facts),
        areas=areas,
        thin_areas=pool.thin(areas),
        thin_languages=pool.thin(languages),
        targets=targets,
    )


# --------------------------------------------------------------------------------------------- charts


def _count_chart(
    rows: list[tuple[str, pool.KeyCount]], *, title: str, description: str, chart_id: str
) -> str:
    value_max = float(max([row.count for _label, row in rows] + [1]))
    return str(
        charts.area_comparison_chart(
            labels=[label for label, _row in rows],
            series=[(_("Active experts"), [float(row.count) for _label, row in rows])],
            title=title,
            description=description,
            chart_id=chart_id,
            value_max=value_max,
        )
    )


def pool_area_chart(rows: list[tuple[str, pool.KeyCount]]) -> str:
    """Active experts per Index area, one bar each, its number written at its end (the table beside the
    chart gives the same figures)."""
    return _count_chart(
        rows,
        title=_("Active experts by Index area"),
        description=_(
            "One bar per Index area: how many active experts cover it. The table gives the same figures."
        ),
        chart_id="pool-areas",
    )


def pool_language_chart(rows: list[tuple[str, pool.KeyCount]]) -> str:
    return _count_chart(
        rows,
        title=_("Active experts by language spoken"),
        description=_(
            "One bar per language: how many active experts speak it at a working level or better. "
            "The table gives the same figures."
        ),
        chart_id="pool-languages",
    )
