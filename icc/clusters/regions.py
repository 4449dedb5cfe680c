"""The region a city counts in when a cluster is balanced by region: the United Nations' sub-regions of Europe
(M49 geoscheme: northern, western, southern and eastern Europe) for European countries, the world region
otherwise (icc.core.countries.world_region). Turkey, Cyprus and the Caucasus, members of the Council of
Europe, count with southern and eastern Europe as the programme groups them."""

from django.utils.translation import gettext_lazy as _

from icc.core.countries import WORLD_REGIONS, world_region

EUROPE = {
    "northern_europe": ("DK", "EE", "FI", "GB", "IE", "IS", "LT", "LV", "NO", "SE"),
    "western_europe": ("AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL"),
    "southern_europe": (
        "AD",
        "AL",
        "BA",
        "CY",
        "ES",
        "GR",
        "HR",
        "IT",
        "ME",
        "MK",
        "MT",
        "PT",
        "RS",
        "SI",
        "SM",
        "TR",
        "XK",
    ),
    "eastern_europe": ("AM", "AZ", "BG", "BY", "CZ", "GE", "HU", "MD", "PL", "RO", "RU", "SK", "UA"),
}
REGION_NAMES = {
    "northern_europe": _("Northern Europe"),
    "western_europe": _("Western Europe"),
    "southern_europe": _("Southern Europe"),
    "eastern_europe": _("Eastern Europe"),
    **WORLD_REGIONS,
}
_BY_COUNTRY = {country: region for region, countries in EUROPE.items() for country in countries}


def region_of(country: str) -> str:
    """The region key of a country (ISO 3166 alpha-2)."""
    code = (country or "").upper()
    return _BY_COUNTRY.get(code) or world_region(code)


def region_name(key: str) -> str:
    return str(REGION_NAMES.get(key, key))
