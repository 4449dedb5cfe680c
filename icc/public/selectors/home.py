"""What the public home page shows: the network's figures and the latest published Index results."""

from __future__ import annotations

from dataclasses import dataclass

from icc.index.selectors.publication import PublicCityResult, PublicRoundResults, public_round_results
from icc.network.selectors.dashboard import home_figures
from icc.public.selectors.results import latest_published_round

TOP_CITIES = 5


@dataclass
class HomePage:
    figures: dict[str, int]
    latest: PublicRoundResults | None
    top_n: int = TOP_CITIES

    @property
    def top(self) -> list[PublicCityResult]:
        return self.latest.cities[: self.top_n] if self.latest else []


def home_page() -> HomePage:
    latest = latest_published_round()
    results = public_round_results(latest) if latest is not None else None
    return HomePage(figures=home_figures(), latest=results if results and results.cities else None)
