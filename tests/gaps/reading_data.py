"""Lyon's gap figures for the reading pages' tests, entered through the service as a city would.

Two periods, native-born residents as the reference group:
- employment rate, foreign-born: 56.3 % of 800 against 70.0 % of 4,000 in 2022 (a significant gap of
  -13.8 points), 65.0 % of 800 against 70.0 % of 4,000 in 2024 (-5.0 points: it narrowed clearly);
- unemployment rate (lower is better), foreign-born: 15.0 % of 600 against 8.0 % of 3,000 in 2024;
- employment rate, non-EU nationals: 8 of 20 in 2024, withheld (too few people);
- early school leaving, foreign-born: not collected in 2024.
"""

from typing import Any

from icc.gaps.models import GapGroup, Indicator, MissingReason
from icc.gaps.services.observations import GroupFigures, group_create, observations_enter
from icc.network.models import City

# Figures nobody may see before Lyon publishes: its employment rate of the foreign-born in 2024.
FOREIGN_BORN_2024 = (520, 800)  # 65.0 %
WITHHELD = (8, 20)  # non-EU nationals, 2024: 40.0 %, never shown


def enter_lyon_gaps(city: City, by: Any) -> dict[str, GapGroup]:
    groups = {
        "native_born": group_create(city=city, by=by, key="native_born", name="Native-born"),
        "foreign_born": group_create(city=city, by=by, key="foreign_born", name="Foreign-born"),
        "non_eu_nationals": group_create(city=city, by=by, key="non_eu_nationals", name="Non-EU nationals"),
    }
    employment = Indicator.objects.get(key="employment_rate")
    unemployment = Indicator.objects.get(key="unemployment_rate")
    leaving = Indicator.objects.get(key="early_school_leaving")

    def enter(indicator: Indicator, period: str, reference: Any, focal: str, figures: Any) -> None:
        focal_figures = (
            GroupFigures(groups[focal], missing_reason=figures)
            if isinstance(figures, str)
            else GroupFigures(groups[focal], numerator=figures[0], denominator=figures[1])
        )
        observations_enter(
            city=city,
            by=by,
            indicator=indicator,
            period=period,
            reference=GroupFigures(groups["native_born"], numerator=reference[0], denominator=reference[1]),
            focal=focal_figures,
        )

    enter(employment, "2022", (2800, 4000), "foreign_born", (450, 800))
    enter(employment, "2024", (2800, 4000), "foreign_born", FOREIGN_BORN_2024)
    enter(employment, "2024", (2800, 4000), "non_eu_nationals", WITHHELD)
    enter(unemployment, "2024", (240, 3000), "foreign_born", (90, 600))
    enter(leaving, "2024", (120, 1500), "foreign_born", MissingReason.NOT_COLLECTED)
    return groups
