"""Experts for the pool's tests, built through the pool's own service (so that they carry history)."""

from typing import Any

from icc.experts.models import Expert, Theme
from icc.experts.services.pool import ExpertData, LanguageEntry, expert_save


def make_expert(
    by: Any = None,
    *,
    name: str = "Ana Novak",
    status: str = "active",
    gender: str = "",
    country: str = "SI",
    languages: tuple[tuple[str, str, bool], ...] = (("en", "fluent", True),),
    areas: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    countries_known: tuple[str, ...] = (),
    user: Any = None,
    **fields: Any,
) -> Expert:
    data = ExpertData(
        full_name=name,
        gender=gender,
        country=country,
        status=status,
        languages=[LanguageEntry(code, level, working) for code, level, working in languages],
        areas=list(areas),
        themes=list(Theme.objects.filter(key__in=themes)),
        countries_known=list(countries_known),
        account_email=user.email if user is not None else None,
        mentor_given="mentor" in fields,
        **fields,
    )
    return expert_save(expert=None, data=data, by=by)
