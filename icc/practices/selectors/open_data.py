"""The public practices as data: one row or item per practice, shared by the downloads (CSV, XLSX, JSON
with the licence) and the API, so that they always say the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from icc.practices.models import Practice

DATASET = "Intercultural Cities good practices"
FILENAME = "icc-good-practices"


def practice_item(practice: Practice, *, url: str = "") -> dict[str, Any]:
    return {
        "id": practice.pk,
        "url": url,
        "city": {"slug": practice.city.slug, "name": practice.city.name, "country": practice.city.country},
        "title": {"en": practice.title_en, "fr": practice.title_fr},
        "summary": {"en": practice.summary_en, "fr": practice.summary_fr},
        "languages": practice.languages,
        "started": practice.started,
        "ended": practice.ended,
        "areas": list(practice.areas),
        "questions": list(practice.questions),
        "themes": list(practice.themes),
        "target_groups": list(practice.target_groups),
        "budget_range": practice.budget_range,
        "figures": practice.figure_list,
        "sources": practice.source_list,
        "links": practice.link_list,
        "version": practice.version,
        "first_published": practice.first_published_at.isoformat() if practice.first_published_at else None,
        "published": practice.published_at.isoformat() if practice.published_at else None,
        "reviewed": practice.reviewed_at.isoformat() if practice.reviewed_at else None,
    }


def table_header() -> list[str]:
    return [
        "id",
        "url",
        "city",
        "country",
        "title_en",
        "title_fr",
        "summary_en",
        "summary_fr",
        "languages",
        "started",
        "ended",
        "areas",
        "questions",
        "themes",
        "target_groups",
        "budget_range",
        "figures",
        "sources",
        "version",
        "first_published",
        "published",
    ]


def table_rows(items: Iterable[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for item in items:
        rows.append(
            [
                item["id"],
                item["url"],
                item["city"]["name"],
                item["city"]["country"],
                item["title"]["en"],
                item["title"]["fr"],
                item["summary"]["en"],
                item["summary"]["fr"],
                " ".join(item["languages"]),
                item["started"],
                item["ended"],
                " ".join(item["areas"]),
                " ".join(item["questions"]),
                " ".join(item["themes"]),
                " ".join(item["target_groups"]),
                item["budget_range"],
                " | ".join(item["figures"]),
                " | ".join(item["sources"]),
                item["version"],
                item["first_published"],
                item["published"],
            ]
        )
    return rows


def dataset_title() -> str:
    return _("Intercultural Cities good practices")
