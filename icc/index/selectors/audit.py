"""Reads of a round's stored statistical audit (`RoundScores.audit`, computed by icc.index.audit): the
secretariat's page, and the public document of a published round."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from icc.index.models import Response, Round, RoundScores, localized
from icc.index.selectors.publication import PUBLISHED_RESPONSE
from icc.index.structure import structure_of

LEAST_COMPLETE = 20  # cities listed on the page, least complete first
PATTERNS_SHOWN = 50


def public_audit(document: dict[str, Any], published: set[str]) -> dict[str, Any]:
    """The audit as the public may read it: the statistics over the round's sample stay, and every entry
    naming a city is kept only for the cities in `published` (those that agreed to publication)."""
    out = dict(document)
    data = dict(out.get("data", {}))
    data["cities"] = [c for c in data.get("cities", []) if c.get("city") in published]
    data["patterns"] = [p for p in data.get("patterns", []) if p.get("city") in published]
    out["data"] = data
    sensitivity = dict(out.get("sensitivity", {}))
    sensitivity["unstable"] = [c for c in sensitivity.get("unstable", []) if c.get("city") in published]
    out["sensitivity"] = sensitivity
    out["choices"] = [
        {**choice, "movers": [m for m in choice.get("movers", []) if m.get("city") in published]}
        for choice in out.get("choices", [])
    ]
    return out


def round_public_audit(round_: Round) -> dict[str, Any]:
    """The published audit of a round whose results are published; {} before its scores are computed."""
    stored = RoundScores.objects.filter(round=round_).only("audit").first()
    if stored is None or not stored.audit:
        return {}
    return public_audit(stored.audit, _published_names(round_))


def _published_names(round_: Round) -> set[str]:
    entries = Response.objects.filter(PUBLISHED_RESPONSE, round=round_).values_list(
        "score__scores", flat=True
    )
    # The audit names a city as the scores document does (the entry's "city").
    return {str(entry.get("city")) for entry in entries if entry}


def round_stored_audit(round_: Round) -> dict[str, Any]:
    """The whole stored audit of the round (the secretariat's); {} before its scores are computed."""
    stored = RoundScores.objects.filter(round=round_).only("audit").first()
    return stored.audit if stored is not None else {}


@dataclass
class RoundAuditPage:
    round: Round
    stored: RoundScores | None
    audit: dict[str, Any]
    questions: list[dict[str, Any]] = field(default_factory=list)  # those worth a look, with their number
    least_complete: list[dict[str, Any]] = field(default_factory=list)
    patterns: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)  # flagged ones
    with_aggregate: list[dict[str, Any]] = field(default_factory=list)
    alphas: list[dict[str, Any]] = field(default_factory=list)
    pc1: dict[str, Any] | None = None
    sensitivity: list[dict[str, Any]] = field(default_factory=list)
    unstable: list[dict[str, Any]] = field(default_factory=list)
    choices: list[dict[str, Any]] = field(default_factory=list)

    @property
    def patterns_more(self) -> int:
        return len(self.audit.get("data", {}).get("patterns", [])) - len(self.patterns)


def _labels() -> dict[str, str]:
    return {
        "same_option": _("the same option every time"),
        "all_maximum": _("full points on every question"),
        "all_minimum": _("no points on any question"),
        "redundant": _("redundant"),
        "conflict": _("conflict"),
        "equal_weights": _("Equal weights"),
        "geometric": _("Geometric mean"),
        "with_optional_areas": _("Optional areas counted"),
        "aggregation": _("Arithmetic or geometric mean"),
        "aggregate": _("Areas that count in the aggregate"),
    }


def round_audit_page(round_: Round, *, public: bool = False) -> RoundAuditPage:
    """The stored audit of the round, with titles for its areas, groups and questions; `public`: as the
    public reads it (`public_audit`: naming only the cities that agreed to publication)."""
    stored = RoundScores.objects.filter(round=round_).only("audit", "computed_at", "engine_version").first()
    document = stored.audit if stored is not None else {}
    if public and document:
        document = public_audit(document, _published_names(round_))
    page = RoundAuditPage(round=round_, stored=stored, audit=document)
    if not document:
        return page
    structure = structure_of(round_.questionnaire)
    labels = _labels()
    titles = {area.id: area.title() for area in structure.areas}
    titles.update({g.id: localized(g.title) or g.id for g in structure.parsed.groups})
    numbers = {
        q.id: f"{i}.{j}" for i, area in enumerate(structure.areas, 1) for j, q in enumerate(area.questions, 1)
    }

    def title(key: str) -> str:
        return titles.get(key) or labels.get(key) or key

    data = document.get("data", {})
    page.questions = [
        {**q, "number": numbers.get(q["question"], q["question"]), "area_title": title(q["area"])}
        for q in data.get("questions", [])
        if not q["discriminates"] or (q["completeness"] or 0) < 0.5 or (q["na_share"] or 0) >= 0.5
    ]
    page.least_complete = sorted(
        (c for c in data.get("cities", []) if c["share"] is not None and c["share"] < 1),
        key=lambda c: (c["share"], c["city"]),
    )[:LEAST_COMPLETE]
    page.patterns = [
        {**p, "label": labels.get(p["pattern"], p["pattern"])} for p in data.get("patterns", [])
    ][:PATTERNS_SHOWN]
    correlations = document.get("correlations", {})
    page.pairs = [
        {
            **p,
            "first_title": title(p["first"]),
            "second_title": title(p["second"]),
            "label": labels[p["flag"]],
        }
        for p in correlations.get("pairs", [])
        if p.get("flag") in ("redundant", "conflict")
    ]
    page.with_aggregate = [{**a, "title": title(a["area"])} for a in correlations.get("with_aggregate", [])]
    consistency = document.get("consistency", {})
    page.alphas = [
        {**a, "title": title(a["group"]), "area_titles": [title(x) for x in a["areas"]]}
        for a in consistency.get("alpha", [])
    ]
    pc1 = consistency.get("pc1")
    if pc1:
        page.pc1 = {**pc1, "loading_rows": [(title(a), v) for a, v in pc1["loadings"].items()]}
    sensitivity = document.get("sensitivity", {})
    page.sensitivity = [{**s, "title": title(s["input"])} for s in sensitivity.get("inputs", [])]
    page.unstable = [
        {**c, "driver_title": title(c["driver"]) if c.get("driver") else ""}
        for c in sensitivity.get("unstable", [])
    ]
    page.choices = [{**c, "title": title(c["choice"])} for c in document.get("choices", [])]
    return page
