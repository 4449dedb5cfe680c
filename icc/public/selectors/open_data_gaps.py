"""Open data: the published gaps between communities, /data/gaps.csv, and its columns in the dictionary.

One row per published gap record (city, indicator, period, focal group), every period included, with the
gap format's statistics unrounded (../shared/docs/gap-format.md). What is public is decided by
icc.gaps.selectors.publication alone (through icc.gaps.selectors.public): the cities that published their
gaps. A withheld record (too few people) keeps its row, so that the reader knows it exists, with every
statistic empty and `missing_reason` "withheld"; its figures never leave the platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from icc.gaps.models import CityGaps, GapResult, Indicator
from icc.gaps.selectors.public import public_gap_records
from icc.gaps.selectors.publication import gap_publishing_cities
from icc.public.selectors.open_data import (
    INTEGER,
    NEVER,
    NUMBER,
    TEXT,
    YES_NO,
    Column,
    DataVersion,
    _iso,
    _version,
)

GAPS_FILENAME = "icc-gaps.csv"
RATE = _("proportion (0 to 1)")
POINTS = _("percentage points")
NO_FIGURE = _("the record is withheld (too few people) or has no figures (missing_reason says why)")

Record = dict[str, Any] | None


def gaps_dataset_name() -> str:
    return gettext("Intercultural Cities: gaps between communities published by the cities")


@dataclass(frozen=True)
class GapColumn(Column):
    value: Callable[[GapResult, Record], Any] = field(default=lambda result, record: None, compare=False)


def _stat(key: str, index: int | None = None) -> Callable[[GapResult, Record], Any]:
    def value(result: GapResult, record: Record) -> Any:
        if record is None:
            return None
        found = record.get(key)
        return found[index] if index is not None and found is not None else found

    return value


GAP_COLUMNS: tuple[GapColumn, ...] = (
    GapColumn(
        "city_id",
        INTEGER,
        "",
        _("The city's identifier, as in the cities file."),
        NEVER,
        value=lambda r, _rec: r.city_id,
    ),
    GapColumn(
        "city", TEXT, "", _("The city's name in English."), NEVER, value=lambda r, _rec: r.city.name_en
    ),
    GapColumn(
        "indicator",
        TEXT,
        "",
        _("Identifier of the indicator (such as employment_rate), as in the gap format."),
        NEVER,
        value=lambda r, _rec: r.indicator.key,
    ),
    GapColumn(
        "indicator_name",
        TEXT,
        "",
        _("Name of the indicator in English."),
        NEVER,
        value=lambda r, _rec: r.indicator.name_en,  # type: ignore[attr-defined]
    ),
    GapColumn(
        "domain",
        TEXT,
        "",
        _(
            "The indicator's domain: employment, education, housing, health, civic_participation, safety or "
            "discrimination."
        ),
        NEVER,
        value=lambda r, _rec: r.indicator.domain,
    ),
    GapColumn(
        "polarity",
        INTEGER,
        "",
        _("1 when a higher rate is better (employment), -1 when a lower rate is better (unemployment)."),
        NEVER,
        value=lambda r, _rec: r.indicator.polarity,
    ),
    GapColumn(
        "period",
        TEXT,
        "",
        _("A year (2024) or pooled years (2022-2024)."),
        NEVER,
        value=lambda r, _rec: r.period,
    ),
    GapColumn(
        "focal_group",
        TEXT,
        "",
        _("Identifier of the group compared (such as foreign_born), as the city named it."),
        NEVER,
        value=lambda r, _rec: r.focal.key,
    ),
    GapColumn(
        "focal_group_name",
        TEXT,
        "",
        _("Name of that group, as the city wrote it."),
        NEVER,
        value=lambda r, _rec: r.focal.name,
    ),
    GapColumn(
        "reference_group",
        TEXT,
        "",
        _("Identifier of the reference group (such as native_born)."),
        _("the reference group's figure is missing"),
        value=lambda r, _rec: r.reference.key if r.reference else None,
    ),
    GapColumn(
        "reference_group_name",
        TEXT,
        "",
        _("Name of the reference group, as the city wrote it."),
        _("the reference group's figure is missing"),
        value=lambda r, _rec: r.reference.name if r.reference else None,
    ),
    GapColumn(
        "focal_rate",
        NUMBER,
        RATE,
        _("The rate of the group: people with the outcome divided by the people counted."),
        NO_FIGURE,
        value=_stat("focal_rate"),
    ),
    GapColumn(
        "reference_rate",
        NUMBER,
        RATE,
        _("The rate of the reference group."),
        NO_FIGURE,
        value=_stat("reference_rate"),
    ),
    GapColumn(
        "focal_n", INTEGER, _("people"), _("People of the group counted."), NO_FIGURE, value=_stat("focal_n")
    ),
    GapColumn(
        "reference_n",
        INTEGER,
        _("people"),
        _("People of the reference group counted."),
        NO_FIGURE,
        value=_stat("reference_n"),
    ),
    GapColumn(
        "gap_pp",
        NUMBER,
        POINTS,
        _("polarity × (focal_rate − reference_rate) × 100: below 0, the group is worse off."),
        NO_FIGURE,
        value=_stat("gap_pp"),
    ),
    GapColumn(
        "gap_ci_low",
        NUMBER,
        POINTS,
        _("Lower bound of the gap's 95% interval (Newcombe's hybrid score interval)."),
        NO_FIGURE,
        value=_stat("gap_ci", 0),
    ),
    GapColumn(
        "gap_ci_high", NUMBER, POINTS, _("Upper bound of that interval."), NO_FIGURE, value=_stat("gap_ci", 1)
    ),
    GapColumn(
        "significant",
        YES_NO,
        "",
        _("“yes” when the gap's 95% interval leaves out 0."),
        NO_FIGURE,
        value=_stat("significant"),
    ),
    GapColumn(
        "ratio",
        NUMBER,
        "",
        _("The group's favourable rate divided by the reference group's (1 = parity)."),
        _("withheld, no figures, or no one on the favourable side in a group"),
        value=_stat("ratio"),
    ),
    GapColumn(
        "ratio_ci_low",
        NUMBER,
        "",
        _("Lower bound of the ratio's 95% interval (Katz's log method)."),
        _("as ratio"),
        value=_stat("ratio_ci", 0),
    ),
    GapColumn(
        "ratio_ci_high",
        NUMBER,
        "",
        _("Upper bound of that interval."),
        _("as ratio"),
        value=_stat("ratio_ci", 1),
    ),
    GapColumn(
        "parity_index",
        NUMBER,
        "",
        _("The ratio when at most 1, else 2 − 1/ratio: symmetric around 1."),
        _("as ratio"),
        value=_stat("parity_index"),
    ),
    GapColumn(
        "gap_score",
        NUMBER,
        _("score out of 100"),
        _(
            "100 × the lower favourable rate of the two groups divided by the higher: 100 is parity. Read it "
            "with both rates: a high score can mean that everyone is doing badly."
        ),
        NO_FIGURE,
        value=_stat("gap_score"),
    ),
    GapColumn(
        "low_reliability",
        YES_NO,
        "",
        _("“yes” when the relative standard error of either rate is above 0.3: read with care."),
        NO_FIGURE,
        value=_stat("low_reliability"),
    ),
    GapColumn(
        "missing_reason",
        TEXT,
        "",
        _(
            "Why the row has no figures: “withheld” (a group of fewer than 30 people or fewer than 10 with "
            "the outcome), “not_collected” or “not_applicable”."
        ),
        _("the row has figures"),
        value=lambda r, rec: None if rec is not None else (r.shown_missing_reason or "not_collected"),
    ),
)


def gaps_table() -> tuple[list[str], list[list[Any]]]:
    """The header and rows of /data/gaps.csv."""
    rows = [
        [column.value(result, record) for column in GAP_COLUMNS] for result, record in public_gap_records()
    ]
    return [column.name for column in GAP_COLUMNS], rows


def gaps_data_version() -> DataVersion:
    """What the file depends on: which cities published, their decisions, their gaps and their names."""
    cities = list(gap_publishing_cities().values_list("pk", "updated"))
    ids = [pk for pk, _updated in cities]
    decided = CityGaps.objects.aggregate(at=Max("updated"))["at"]
    computed = GapResult.objects.filter(city__in=ids).aggregate(at=Max("computed_at"))["at"]
    catalogue = Indicator.objects.aggregate(at=Max("updated"))["at"]
    stamps = [decided, computed, catalogue, *(updated for _pk, updated in cities)]
    return _version(["gaps", ids, stamps], stamps)


def published_gap_city_count() -> int:
    return gap_publishing_cities().count()


def gaps_dataset_jsonld(*, absolute: Callable[[str], str], common: dict[str, Any]) -> dict[str, Any] | None:
    """The schema.org Dataset of /data/gaps.csv for the /data/ catalogue, or None while no city publishes."""
    count = published_gap_city_count()
    if not count:
        return None
    url = absolute(reverse("public:data_gaps_csv"))
    return {
        "@type": "Dataset",
        "@id": url,
        "name": gaps_dataset_name(),
        "description": gettext(
            "Opportunity and achievement gaps between communities that %(count)s cities published: both "
            "groups' rates, the gap in percentage points with its 95%% interval, the ratio, the parity index "
            "and the gap score, by indicator and period (the gap format)."
        )
        % {"count": count},
        "url": absolute(reverse("public:data")),
        "identifier": url,
        "dateModified": _iso(gaps_data_version().last_modified),
        **common,
        "distribution": [
            {"@type": "DataDownload", "name": GAPS_FILENAME, "encodingFormat": "text/csv", "contentUrl": url}
        ],
    }
