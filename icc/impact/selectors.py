"""Evidence of impact: the reads (pages, API, the programme's dashboard)."""

from __future__ import annotations

import datetime

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
