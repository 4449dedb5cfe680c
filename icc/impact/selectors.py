"""Evidence of impact: the reads (pages, API, the programme's dashboard)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from icc.impact.models import AnalysisRun, ImpactStudy, OutcomeValue


def impact_study_published_on() -> datetime.date | None:
    """The date the secretariat published its first impact study (None: none published yet). The
    programme's "impact study (2019)" target reads it."""
    study = ImpactStudy.objects.public().order_by("published_on", "pk").only("published_on").first()
    return study.published_on if study is not None else None


def public_studies() -> QuerySet[ImpactStudy]:
    return ImpactStudy.objects.public().select_related("run")


def outcome_values() -> QuerySet[OutcomeValue]:
    return OutcomeValue.objects.select_related("city").order_by("city__name", "year", "kind")


def latest_runs(limit: int = 10) -> list[AnalysisRun]:
    return list(AnalysisRun.objects.select_related("job", "requested_by").order_by("-created", "-pk")[:limit])


# ------------------------------------------------------------------------------------ what pages show


def predictor_label(predictor: str) -> str:
    from django.utils.translation import gettext as _

    from icc.experts.selectors.pool import area_title

    if predictor == "aggregate":
        return _("Index (aggregate)")
    return area_title(predictor.removeprefix("area:"))


def outcome_label(kind: str) -> str:
    from icc.impact.models import OutcomeKind

    try:
        return str(OutcomeKind(kind).label)
    except ValueError:
        return kind


def results_tables(results: dict[str, Any]) -> dict[str, Any]:
    """The snapshot's results as rows the pages and exports show, labels in the reader's language."""
    correlations = [
        {
            **row,
            "predictor_label": predictor_label(row["predictor"]),
            "outcome_label": outcome_label(row["outcome"]),
        }
        for row in results.get("correlations", [])
    ]
    robustness = results.get("robustness", {}).get("outcomes", {})
    aggregate = [
        {**row, "robustness": robustness.get(row["outcome"], {})}
        for row in correlations
        if row["predictor"] == "aggregate"
    ]
    panel = [
        {
            **row,
            "outcome_label": outcome_label(row["outcome"]),
            "robustness": robustness.get(row["outcome"], {}),
        }
        for row in results.get("panel", [])
    ]
    coverage = [
        {"kind": kind, "label": outcome_label(kind), **figures}
        for kind, figures in results.get("coverage", {}).get("outcomes", {}).items()
    ]
    return {
        "aggregate": aggregate,
        "areas": [row for row in correlations if row["predictor"] != "aggregate"],
        "panel": panel,
        "coverage": coverage,
        "coverage_totals": results.get("coverage", {}),
    }


def export_rows(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """One row per predictor and outcome: the figures a researcher needs, machine-named columns."""
    headers = [
        "predictor",
        "outcome",
        "n",
        "pearson_r",
        "pearson_low",
        "pearson_high",
        "pearson_p",
        "pearson_q",
        "spearman_r",
        "spearman_low",
        "spearman_high",
        "spearman_q",
        "partial_r",
        "partial_low",
        "partial_high",
        "partial_q",
        "partial_n",
        "mc_correlation_share",
        "panel_coef",
        "panel_low",
        "panel_high",
        "panel_p",
        "panel_obs",
        "mc_panel_share",
    ]
    panel = {row["outcome"]: row for row in results.get("panel", [])}
    robustness = results.get("robustness", {}).get("outcomes", {})
    rows = []
    for row in results.get("correlations", []):
        p, s, pa = row.get("pearson") or {}, row.get("spearman") or {}, row.get("partial") or {}
        aggregate = row["predictor"] == "aggregate"
        pn = panel.get(row["outcome"], {}) if aggregate else {}
        mc = robustness.get(row["outcome"], {}) if aggregate else {}
        rows.append(
            [
                row["predictor"],
                row["outcome"],
                row["n"],
                p.get("r"),
                p.get("low"),
                p.get("high"),
                p.get("p"),
                p.get("q"),
                s.get("r"),
                s.get("low"),
                s.get("high"),
                s.get("q"),
                pa.get("r"),
                pa.get("low"),
                pa.get("high"),
                pa.get("q"),
                pa.get("n"),
                mc.get("correlation_share"),
                pn.get("coef"),
                pn.get("low"),
                pn.get("high"),
                pn.get("p"),
                pn.get("n_obs"),
                mc.get("panel_share"),
            ]
        )
    return headers, rows


def outcome_coverage() -> list[dict[str, Any]]:
    """Per outcome: how many figures, cities and which years are recorded (one query)."""
    from django.db.models import Count, Max, Min

    from icc.impact.models import OutcomeKind

    rows = {
        row["kind"]: row
        for row in OutcomeValue.objects.values("kind").annotate(
            figures=Count("pk"), cities=Count("city", distinct=True), first=Min("year"), last=Max("year")
        )
    }
    return [
        {"kind": kind, "label": label, **{k: v for k, v in rows.get(kind, {}).items() if k != "kind"}}
        for kind, label in OutcomeKind.choices
    ]
