"""The register as a table for CSV/XLSX export: one row per city, columns named as the import expects."""

from collections.abc import Iterable, Iterator
from typing import Any

from icc.core.countries import country_name
from icc.network.models import City

# Same names as the import columns, plus country_name and national_network_name for human readers
# (the import ignores those two), so that an exported file can be imported elsewhere as it is.
# Internal notes and the eligibility justification stay out: exports travel by e-mail.
EXPORT_HEADERS: tuple[str, ...] = (
    "name", "name_fr", "country", "country_name", "region", "latitude", "longitude", "is_capital",
    "population", "population_year", "population_source",
    "foreign_residents_share", "foreign_residents_year", "foreign_residents_source",
    "foreign_born_share", "foreign_born_year", "foreign_born_source",
    "minorities_share", "minorities_year", "minorities_source",
    "status", "status_since", "member_since", "national_network", "national_network_name", "website",
    "support_group_established",
)  # fmt: skip


def register_export_rows(cities: Iterable[City]) -> Iterator[list[Any]]:
    """One list of values per city, in the order of EXPORT_HEADERS (with their national networks read)."""
    for city in cities:
        network = city.national_network
        yield [
            city.name_en,
            city.name_fr,
            city.country,
            country_name(city.country),
            city.region,
            city.latitude,
            city.longitude,
            city.is_capital,
            city.population,
            city.population_year,
            city.population_source,
            city.foreign_residents_share,
            city.foreign_residents_year,
            city.foreign_residents_source,
            city.foreign_born_share,
            city.foreign_born_year,
            city.foreign_born_source,
            city.minorities_share,
            city.minorities_year,
            city.minorities_source,
            city.status,
            city.status_since,
            city.member_since,
            network.slug if network else "",
            network.name if network else "",
            city.website,
            city.support_group_established,
        ]
