"""/data/ in the reader's language: /fr/data/ and the XLSX downloaded from /fr/data/... read French (data
set names, credit lines, sheet names), while column names, the JSON scores document and datapackage.json
stay English: they are identifiers and machine formats (docs/open-data.md)."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

ENGLISH_CITATION = (
    "Intercultural Cities Index: published scores, {round}. Council of Europe, Intercultural Cities "
    "programme. Licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)
FRENCH_CITATION = (
    "Indice des cités interculturelles : scores publiés, {round}. Conseil de l'Europe, programme des Cités "
    "interculturelles. Sous licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)


@pytest.fixture
def anonymous():
    return Client()


def _jsonld(page) -> dict:
    (script,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.content.decode(), flags=re.DOTALL
    )
    return json.loads(script)


def _workbook(response):
    return load_workbook(io.BytesIO(response.content))


def _about(workbook, sheet):
    return {row[0]: row[1] for row in workbook[sheet].iter_rows(values_only=True)}


def test_the_french_data_page_gives_the_french_credit_lines(anonymous, published):
    lyon, _porto = published
    round_name = lyon.round.name

    page = anonymous.get("/fr/data/")

    text = page.content.decode()
    assert page.status_code == 200
    assert FRENCH_CITATION.format(round=round_name).replace("'", "&#x27;") in text
    assert "Cités interculturelles : villes membres et candidates. Conseil de l&#x27;Europe" in text
    assert "Licensed under" not in text and "published scores" not in text


def test_the_french_json_ld_names_and_cites_the_data_sets_in_french(anonymous, published):
    lyon, _porto = published

    catalog = _jsonld(anonymous.get("/fr/data/"))

    assert catalog["name"] == "Cités interculturelles : données ouvertes"
    round_set, cities_set = catalog["dataset"]
    assert round_set["inLanguage"] == "fr"
    assert round_set["citation"] == FRENCH_CITATION.format(round=lyon.round.name)
    assert round_set["description"].startswith("Scores de l'Indice des cités interculturelles")
    assert cities_set["name"] == "Cités interculturelles : villes membres et candidates"
    assert cities_set["description"].startswith("Les données publiques des")
    # The addresses are the same files whatever the language of the page.
    assert round_set["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_english_data_page_and_json_ld_are_unchanged(anonymous, published):
    lyon, _porto = published

    page = anonymous.get("/en/data/")

    assert ENGLISH_CITATION.format(round=lyon.round.name).replace("'", "&#x27;") in page.content.decode()
    catalog = _jsonld(page)
    assert catalog["name"] == "Intercultural Cities: open data"
    assert catalog["dataset"][0]["inLanguage"] == "en"
    assert catalog["dataset"][0]["citation"] == ENGLISH_CITATION.format(round=lyon.round.name)


def test_the_xlsx_from_the_french_address_has_french_sheets_and_credit_line(anonymous, published):
    lyon, _porto = published
    english = _workbook(anonymous.get(f"/en/data/{lyon.round_id}/scores.xlsx"))

    french = _workbook(anonymous.get(f"/fr/data/{lyon.round_id}/scores.xlsx"))

    assert french.sheetnames == ["Scores", "Licence et citation", "Statistiques"]
    about = _about(french, "Licence et citation")
    assert about["Mention de la source"] == FRENCH_CITATION.format(round=lyon.round.name)
    assert about["Éditeur"] == "Conseil de l'Europe, programme des Cités interculturelles"
    # The column names are the CSV's identifiers, in every language; so are the statistics' names.
    assert next(french["Scores"].iter_rows(values_only=True)) == next(
        english["Scores"].iter_rows(values_only=True)
    )
    assert [row[0] for row in french["Statistiques"].iter_rows(values_only=True)][1:] == [
        "n",
        "mean",
        "median",
        "min",
        "max",
        "q1",
        "q3",
    ]
    assert english.sheetnames == ["Scores", "Licence", "Statistics"]
    assert _about(english, "Licence")["Credit the source as"] == ENGLISH_CITATION.format(
        round=lyon.round.name
    )


def test_the_csv_columns_are_the_same_in_both_languages(anonymous, published):
    lyon, _porto = published

    def header(lang):
        response = anonymous.get(f"/{lang}/data/{lyon.round_id}/scores.csv")
        text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        return next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))

    assert header("fr") == header("en")


def test_each_language_has_its_own_etag(anonymous, published):
    lyon, _porto = published
    english = anonymous.get(f"/en/data/{lyon.round_id}/scores.xlsx")

    french = anonymous.get(
        f"/fr/data/{lyon.round_id}/scores.xlsx", headers={"if-none-match": english["ETag"]}
    )

    assert french.status_code == 200, "a cache holding the English file must not be told it is the French one"
    assert french["ETag"] != english["ETag"]


def test_the_machine_formats_stay_english_at_the_french_address(anonymous, published):
    lyon, _porto = published

    document = anonymous.get(f"/fr/data/{lyon.round_id}/scores.json").json()
    package = anonymous.get(f"/fr/data/{lyon.round_id}/datapackage.json").json()

    assert document["licence"]["attribution"] == ENGLISH_CITATION.format(round=lyon.round.name)
    assert package["attribution"] == ENGLISH_CITATION.format(round=lyon.round.name)
    assert package["licenses"][0]["title"] == "Creative Commons Attribution 4.0"
