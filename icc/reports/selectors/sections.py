"""The commentary sections of a report and the digest of the scores a report is made from."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from icc.index.models import Response, ResponseScore, RoundScores
from icc.reports.models import REPORT_LANGUAGES, Report


@dataclass(frozen=True)
class Section:
    key: str
    title: str


def report_sections(report: Report, language: str) -> list[Section]:
    """The commentary sections of a report (summary, each area, conclusions), in order, titled in
    `language`; none before the draft exists (the areas come from its content)."""
    from icc.reports.selectors.city_report import CityReport

    content = report.draft_content.get(language) or next(iter(report.draft_content.values()), None)
    if not content:
        return []
    return [Section(key=key, title=title) for key, title in CityReport.from_dict(content).sections()]


def commentary_in(commentary: Mapping[str, Any], language: str) -> dict[str, str]:
    """{section: text} in one language; a section without a text in that language is left out (no
    silent mix of languages in one report)."""
    return {
        key: texts[language]
        for key, texts in commentary.items()
        if isinstance(texts, Mapping) and texts.get(language)
    }


def scores_digest(response: Response) -> str:
    """A digest of the stored scores a report of the response is made from: its own and its round's
    (sample averages, peer groups, best cities). It changes when a recomputation changes a number."""
    own = ResponseScore.objects.filter(response=response).values_list("scores", flat=True).first()
    round_document = (
        RoundScores.objects.filter(round_id=response.round_id).values_list("document", flat=True).first()
    )
    payload = json.dumps({"city": own, "round": round_document}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def missing_translations(report: Report) -> list[str]:
    """Section keys with a commentary in some languages but not all of them."""
    return [
        key
        for key, texts in report.commentary.items()
        if isinstance(texts, Mapping)
        and any(texts.get(lang) for lang in REPORT_LANGUAGES)
        and not all(texts.get(lang) for lang in REPORT_LANGUAGES)
    ]
