"""Country names read the same way on both sides: « Türkiye » in English and in French, and names in
their reading order, not inverted for an index."""

import pytest

from icc.core.countries import country_choices, country_name, lookup_country


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("TR", "Türkiye", "Türkiye"),
        ("MD", "Moldova", "République de Moldova"),
        ("RU", "Russian Federation", "Fédération de Russie"),
        ("DE", "Germany", "Allemagne"),
    ],
)
def test_a_country_reads_as_the_council_of_europe_writes_it(code, english, french):
    assert country_name(code, "en") == english
    assert country_name(code, "fr") == french


def test_no_french_country_name_is_inverted_and_the_list_sorts_with_accents_aside():
    names = [name for _code, name in country_choices("fr")]
    assert not [name for name in names if name.endswith((" de", " du", " des"))]
    assert names.index("Égypte") < names.index("Érythrée") < names.index("Espagne") < names.index("Estonie")


def test_an_import_reads_a_country_by_the_name_shown():
    assert lookup_country("République de Moldova") == "MD"
    assert lookup_country("Moldova, République de") == "MD"
    assert lookup_country("Türkiye") == "TR"
