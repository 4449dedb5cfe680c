"""Peer-group bands: the scales (population, diversity) that place a city among its peers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from icc.index.scoring.constants import FloatArray, IntArray


@dataclass(frozen=True)
class BandScale:
    """Bands over one numeric fact. Each band includes its lower bound and excludes its upper."""

    name: str  # key in "peer_groups" and "rank"
    fact: str  # key in each response's "facts"
    edges: tuple[float, ...]  # lower bounds of every band but the first, increasing
    labels: tuple[str, ...]  # one more than edges

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.edges) + 1:
            raise ValueError(f"band scale {self.name!r}: needs one label more than edges")
        if any(b <= a for a, b in zip(self.edges, self.edges[1:], strict=False)):
            raise ValueError(f"band scale {self.name!r}: edges must increase")

    def assign(self, values: FloatArray) -> IntArray:
        """Band index of each value; -1 where the value is missing."""
        bands = np.searchsorted(np.asarray(self.edges, dtype=np.float64), values, side="right")
        return np.where(np.isnan(values), -1, bands).astype(np.int64)


@dataclass(frozen=True)
class PeerBands:
    scales: tuple[BandScale, ...]

    def __post_init__(self) -> None:
        names = [s.name for s in self.scales]
        if "sample" in names or len(set(names)) != len(names):
            raise ValueError("peer band scale names must be unique and not 'sample'")


DEFAULT_BANDS = PeerBands(
    (
        BandScale(
            "population",
            "population",
            (100_000, 200_000, 500_000),
            ("<100k", "100k-200k", "200k-500k", ">=500k"),
        ),
        BandScale("diversity", "foreign_born_share", (10, 15, 20), ("<10%", "10-15%", "15-20%", ">=20%")),
    )
)
