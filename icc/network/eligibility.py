"""The network's admission rules, as pure computation: which rules a city falls short of, and why."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class EligibilityRules:
    min_population: int
    min_diversity_share: Decimal


@dataclass(frozen=True)
class Shortfall:
    rule: str  # "population" or "diversity"
    message: str


def eligibility_shortfalls(
    *,
    population: int | None,
    foreign_residents_share: Decimal | None,
    foreign_born_share: Decimal | None,
    minorities_share: Decimal | None,
    rules: EligibilityRules,
) -> list[Shortfall]:
    """Every rule the figures fail, each with the exact rule in words. Missing figures count as failing."""
    shortfalls: list[Shortfall] = []
    if population is None:
        shortfalls.append(
            Shortfall(
                "population",
                _("Population is not known; the rule asks for at least %(min)s inhabitants.")
                % {"min": f"{rules.min_population:,}"},
            )
        )
    elif population < rules.min_population:
        shortfalls.append(
            Shortfall(
                "population",
                _("Population %(pop)s is below the minimum of %(min)s inhabitants.")
                % {"pop": f"{population:,}", "min": f"{rules.min_population:,}"},
            )
        )
    shares = [s for s in (foreign_residents_share, foreign_born_share, minorities_share) if s is not None]
    if not shares:
        shortfalls.append(
            Shortfall(
                "diversity",
                _(
                    "No diversity figure is known; the rule asks for at least %(min)s%% foreign residents, "
                    "foreign-born residents or national minorities."
                )
                % {"min": rules.min_diversity_share},
            )
        )
    elif max(shares) < rules.min_diversity_share:
        shortfalls.append(
            Shortfall(
                "diversity",
                _(
                    "The highest diversity share is %(share)s%%, below the minimum of %(min)s%% "
                    "foreign residents, "
                    "foreign-born residents or national minorities."
                )
                % {"share": max(shares), "min": rules.min_diversity_share},
            )
        )
    return shortfalls
