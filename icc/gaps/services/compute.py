"""The city's gaps, computed by the engine (icc.gaps.statistics) from its observations and stored.

`city_gaps_recompute` is called by every service that changes a city's observations, inside its
transaction, so that the stored gaps never disagree with the figures. The stored records are exactly what
`icc gaps compute` prints for the city's data exported in the contract's CSV (`city_gaps_csv`): a test
proves it.
"""

import csv
import io
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from icc.core.public_version import public_content_changed
from icc.gaps.format import COLUMNS, GapRow
from icc.gaps.models import CityGaps, GapResult, Observation, Role
from icc.gaps.statistics import Thresholds, compute_gaps
from icc.network.models import City


def gap_thresholds() -> Thresholds:
    """The suppression and reliability thresholds: the contract's defaults unless settings change them
    (GAPS_MIN_DENOMINATOR, GAPS_MIN_NUMERATOR, GAPS_MAX_RSE)."""
    default = Thresholds()
    return Thresholds(
        min_denominator=getattr(settings, "GAPS_MIN_DENOMINATOR", default.min_denominator),
        min_numerator=getattr(settings, "GAPS_MIN_NUMERATOR", default.min_numerator),
        max_rse=getattr(settings, "GAPS_MAX_RSE", default.max_rse),
    )


def _city_observations(city: City) -> list[Observation]:
    return list(
        Observation.objects.filter(city=city)
        .select_related("indicator", "group")
        # The indicators' definitions are long texts nobody reads here.
        .defer("indicator__definition", "indicator__definition_en", "indicator__definition_fr")
        .order_by("indicator__key", "period", "role", "group__key")
    )


def _keys_with_reference(observations: list[Observation]) -> set[tuple[int, str]]:
    """(indicator, period) keys whose reference group has counts: only they can be exported and computed."""
    return {
        (o.indicator_id, o.period)
        for o in observations
        if o.role == Role.REFERENCE and o.numerator is not None
    }


def city_gap_rows(city: City) -> list[GapRow]:
    """The city's observations as rows of the contract: those with counts, for indicators and periods whose
    reference group has counts (a missing reference makes the key's gaps missing, not a bad file)."""
    return _gap_rows(city, _city_observations(city))


def _gap_rows(city: City, observations: list[Observation]) -> list[GapRow]:
    computable = _keys_with_reference(observations)
    rows: list[GapRow] = []
    for observation in observations:
        if observation.numerator is None or (observation.indicator_id, observation.period) not in computable:
            continue
        rows.append(
            GapRow(
                city=city.slug,
                indicator=observation.indicator.key,
                polarity=observation.indicator.polarity,
                period=observation.period,
                group=observation.group.key,
                role=observation.role,
                numerator=observation.numerator,
                denominator=observation.denominator or 0,
                line=len(rows) + 2,
            )
        )
    return rows


def city_gaps_csv(city: City) -> str:
    """The city's figures in the contract's CSV (../shared/docs/gap-format.md): the file `icc gaps compute`
    reads. Missing values have no place in the contract and are left out."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in city_gap_rows(city):
        writer.writerow([getattr(row, column) for column in COLUMNS])
    return out.getvalue()


def city_gaps_recompute(*, city: City) -> int:
    """Rewrite the city's stored gaps from its observations (in the caller's transaction); returns how many
    records there are. A focal group without counts, or whose reference has none, gets a record with the
    reason why (its own reason first, else the reference's); every stored record is the engine's."""
    with transaction.atomic():
        observations = _city_observations(city)
        now = timezone.now()
        indicators = {o.indicator.key: o.indicator for o in observations}
        groups = {o.group.key: o.group for o in observations}
        by_key: dict[tuple[int, str], list[Observation]] = defaultdict(list)
        for observation in observations:
            by_key[(observation.indicator_id, observation.period)].append(observation)

        results: list[GapResult] = []
        for record in compute_gaps(_gap_rows(city, observations), gap_thresholds()):
            results.append(
                GapResult(
                    city=city,
                    indicator=indicators[record.indicator],
                    period=record.period,
                    focal=groups[record.focal],
                    reference=groups[record.reference],
                    record=record.as_dict(),
                    focal_numerator=record.focal_numerator,
                    focal_denominator=record.focal_denominator,
                    reference_numerator=record.reference_numerator,
                    reference_denominator=record.reference_denominator,
                    computed_at=now,
                )
            )
        for (indicator_id, period), key_observations in by_key.items():
            reference = next((o for o in key_observations if o.role == Role.REFERENCE), None)
            for focal in key_observations:
                if focal.role != Role.FOCAL:
                    continue
                if focal.missing_reason:
                    reason = focal.missing_reason
                elif reference is None:
                    continue  # no reference named yet: nothing to compare with, nothing to show
                elif reference.missing_reason:
                    reason = reference.missing_reason
                else:
                    continue  # computed above
                results.append(
                    GapResult(
                        city=city,
                        indicator_id=indicator_id,
                        period=period,
                        focal=focal.group,
                        reference=reference.group if reference else None,
                        record=None,
                        missing_reason=reason,
                        computed_at=now,
                    )
                )
        GapResult.objects.filter(city=city).delete()
        GapResult.objects.bulk_create(results, batch_size=500)
        if CityGaps.objects.filter(city=city, published=True).exists():
            public_content_changed()  # bulk writes send no signal: the public page must show the new figures
    return len(results)
