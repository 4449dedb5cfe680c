"""Practices for tests, written through the services as a city and the secretariat would."""

from typing import Any

from icc.practices import services
from icc.practices.models import Practice

CONTENT: dict[str, Any] = {
    "title_en": "Anti-rumour agents in every district",
    "title_fr": "Des agents anti-rumeurs dans chaque quartier",
    "summary_en": "Volunteers trained to answer rumours about migrants with facts.",
    "summary_fr": "Des bénévoles formés répondent aux rumeurs sur les migrants par des faits.",
    "description_en": "The city trains 40 volunteers a year in the anti-rumour method.",
    "description_fr": "La ville forme 40 bénévoles par an à la méthode anti-rumeurs.",
    "results_en": "Fewer rumours heard in the survey.",
    "key_figures": "400 agents trained since 2018",
    "sources": "City survey 2023",
    "started": 2018,
    "areas": ["media"],
    "questions": ["education.mixing_programmes"],
    "themes": ["anti_rumour"],
    "target_groups": ["residents"],
    "budget_range": "10k_50k",
    "links": "https://example.org/anti-rumour",
}


def draft(by: Any, city: Any, **changes: Any) -> Practice:
    return services.practice_create(by=by, city=city, data={**CONTENT, **changes})


def published_practice(proposer: Any, secretariat: Any, city: Any, **changes: Any) -> Practice:
    practice = draft(proposer, city, **changes)
    services.practice_propose(by=proposer, practice=practice)
    return services.practice_publish(by=secretariat, practice=practice)
