"""Open data that machines can harvest: each published round's Frictionless data package (valid, typed,
licensed), schema.org Dataset descriptions on /data/, the /data/ pages in the sitemap with their dates,
and the questionnaire versions' interchange JSON with its licence, open to robots."""

import datetime
import json
import re
import urllib.robotparser
from email.utils import parsedate_to_datetime

import frictionless
import pytest
from django.test import Client
from django.utils import timezone

from icc.index.models import Questionnaire, ResponseScore
from icc.index.services.publication import response_publication_decide
from icc.index.services.questionnaires import questionnaire_load_document
from tests.factories import RoundFactory


@pytest.fixture
def anonymous():
    return Client()


def _package_url(round_id):
    return f"/en/data/{round_id}/datapackage.json"


def _jsonld(page) -> dict:
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.content.decode(), flags=re.DOTALL
    )
    assert len(scripts) == 1
    return json.loads(scripts[0])


def _http_date(response, header="Last-Modified") -> datetime.datetime:
    return parsedate_to_datetime(response[header])


# The data package ------------------------------------------------------------------------------------


def test_the_round_data_package_validates_with_frictionless(anonymous, published, tmp_path):
    lyon, _porto = published
    package = anonymous.get(_package_url(lyon.round_id))
    assert package.status_code == 200 and package["Content-Type"] == "application/json"
    document = json.loads(package.content)
    # The package and its CSV as a harvester downloads them: side by side, the resource path relative.
    (tmp_path / "datapackage.json").write_bytes(package.content)
    for resource in document["resources"]:
        (tmp_path / resource["path"]).write_bytes(
            anonymous.get(f"/en/data/{lyon.round_id}/{resource['path']}").content
        )

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_data_package_types_the_columns_and_states_licence_sources_and_contributors(
    anonymous, published, tmp_path
):
    lyon, _porto = published
    document = json.loads(anonymous.get(_package_url(lyon.round_id)).content)

    assert document["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]
    assert document["sources"][0]["path"] == "http://testserver/en/data/"
    assert document["contributors"][0]["title"].startswith("Council of Europe")
    assert document["id"] == f"http://testserver/en/data/{lyon.round_id}/datapackage.json"
    resource = document["resources"][0]
    assert resource["path"] == "scores.csv" and resource["licenses"] == document["licenses"]
    schema = resource["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["complete"]["type"] == "boolean"
    assert (fields["complete"]["trueValues"], fields["complete"]["falseValues"]) == (["yes"], ["no"])
    assert fields["aggregate"]["type"] == "number" and fields["rank"]["type"] == "integer"
    assert fields["city"]["type"] == "string" and fields["city_id"]["constraints"]["required"] is True
    assert schema["missingValues"] == [""] and schema["primaryKey"] == ["city_id"]
    # The schema's columns are the CSV's, in its order.
    header = anonymous.get(f"/en/data/{lyon.round_id}/scores.csv").content.decode("utf-8-sig").splitlines()[0]
    assert [f["name"] for f in schema["fields"]] == header.split(",")

    # Read through the schema, a cell is a typed value: the stored score, unrounded, and a real boolean.
    (tmp_path / "datapackage.json").write_text(json.dumps(document))
    (tmp_path / "scores.csv").write_bytes(anonymous.get(f"/en/data/{lyon.round_id}/scores.csv").content)
    rows = frictionless.Package(str(tmp_path / "datapackage.json")).get_resource("scores").read_rows()
    stored = ResponseScore.objects.get(response=lyon).scores
    assert [(row["city"], row["complete"], row["aggregate"]) for row in rows] == [
        ("Lyon", stored["complete"], stored["aggregate"])
    ]


def test_the_data_package_is_in_english_whatever_the_readers_language(published):
    lyon, _porto = published
    french = json.loads(Client(HTTP_ACCEPT_LANGUAGE="fr").get(_package_url(lyon.round_id)).content)
    english = json.loads(Client(HTTP_ACCEPT_LANGUAGE="en").get(_package_url(lyon.round_id)).content)

    assert french == english


def test_a_round_without_published_results_has_no_data_package(anonymous, scored):
    lyon, _porto = scored

    assert anonymous.get(_package_url(lyon.round_id)).status_code == 404


def test_the_data_package_has_validators_and_the_licence_header(anonymous, published):
    lyon, _porto = published
    first = anonymous.get(_package_url(lyon.round_id))

    assert first["X-License"] == "CC-BY-4.0"
    again = anonymous.get(_package_url(lyon.round_id), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


# schema.org Dataset descriptions ---------------------------------------------------------------------


def test_the_data_page_describes_each_published_round_as_a_dataset(anonymous, published):
    lyon, _porto = published
    round_ = lyon.round

    catalog = _jsonld(anonymous.get("/en/data/"))

    assert catalog["@context"] == "https://schema.org/" and catalog["@type"] == "DataCatalog"
    dataset = next(d for d in catalog["dataset"] if d["name"].endswith(round_.name))
    assert dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["creator"]["name"].startswith("Council of Europe")
    assert "1 cities that agreed" in dataset["description"] and "out of 2 validated" in dataset["description"]
    assert dataset["temporalCoverage"] == f"{round_.opens_on.isoformat()}/{round_.deadline.isoformat()}"
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert downloads["text/csv"] == f"http://testserver/en/data/{round_.pk}/scores.csv"
    assert downloads["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"].endswith(
        "/scores.xlsx"
    )
    assert f"http://testserver/en/data/{round_.pk}/datapackage.json" in {
        d["contentUrl"] for d in dataset["distribution"]
    }
    # dateModified is the date the files say they last changed.
    csv_file = anonymous.get(f"/en/data/{round_.pk}/scores.csv")
    modified = datetime.datetime.fromisoformat(dataset["dateModified"])
    assert modified.replace(microsecond=0) == _http_date(csv_file)
    assert any(d["name"].startswith("Intercultural Cities: member") for d in catalog["dataset"])


def test_a_withdrawn_agreement_changes_the_datasets_date_and_count(anonymous, published, alice):
    lyon, _porto = published
    before = _jsonld(anonymous.get("/en/data/"))

    response_publication_decide(response=lyon, agreed=False, by=alice)

    after = _jsonld(anonymous.get("/en/data/"))
    rounds = [d for d in after["dataset"] if "scores" in d["name"]]
    assert rounds == []  # no city published any more: no file to describe
    assert len(before["dataset"]) == len(after["dataset"]) + 1


def test_a_round_name_cannot_break_out_of_the_json_ld(anonymous, published):
    lyon, _porto = published
    round_ = lyon.round
    round_.name = "Index </script><script>alert(1)</script> & co"
    round_.save()

    page = anonymous.get("/en/data/")

    assert "<script>alert(1)" not in page.content.decode()
    catalog = _jsonld(page)
    assert any(
        d["name"].endswith("Index </script><script>alert(1)</script> & co") for d in catalog["dataset"]
    )


def test_an_unpublished_round_is_in_no_description(anonymous, published):
    later = RoundFactory(name="Index 2030 unpublished")

    text = anonymous.get("/en/data/").content.decode()

    assert "Index 2030 unpublished" not in text and f"/en/data/{later.pk}/" not in text


# Sitemap and robots -----------------------------------------------------------------------------------


def _sitemap_entries(anonymous) -> dict[str, str | None]:
    text = anonymous.get("/sitemap.xml").content.decode()
    entries = {}
    for url in re.findall(r"<url>(.*?)</url>", text, flags=re.DOTALL):
        location = re.search(r"<loc>http://testserver(.*?)</loc>", url).group(1)
        lastmod = re.search(r"<lastmod>(.*?)</lastmod>", url)
        entries[location] = lastmod.group(1) if lastmod else None
    return entries


def test_the_data_pages_and_packages_are_in_the_sitemap_with_their_date(anonymous, published):
    lyon, _porto = published
    entries = _sitemap_entries(anonymous)

    csv_file = anonymous.get(f"/en/data/{lyon.round_id}/scores.csv")
    changed = timezone.localtime(_http_date(csv_file)).date().isoformat()  # the sitemap's dates are local
    assert entries["/en/data/"] is not None and entries["/en/data/"] >= changed
    assert entries["/en/data/dictionary/"] == entries["/en/data/"]
    assert entries[_package_url(lyon.round_id)] == changed


def test_the_sitemap_has_no_package_of_an_unpublished_round(anonymous, scored):
    lyon, _porto = scored

    entries = _sitemap_entries(anonymous)

    assert "/en/data/" in entries
    assert _package_url(lyon.round_id) not in entries


def _robots(anonymous) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(anonymous.get("/robots.txt").content.decode().splitlines())
    return parser


def test_robots_may_fetch_the_published_questionnaire_json_and_the_open_data(anonymous, published):
    robots = _robots(anonymous)

    for url in ("/en/data/", "/en/data/dictionary/", _package_url(published[0].round_id)):
        assert robots.can_fetch("*", f"http://testserver{url}"), url
    assert robots.can_fetch("*", "http://testserver/index/questionnaires/icc-example.json")
    # Nothing else under /index/: not the version's pages behind sign-in, nor other versions.
    assert not robots.can_fetch("*", "http://testserver/index/questionnaires/icc-example/")
    assert not robots.can_fetch("*", "http://testserver/index/rounds/")


def test_robots_say_nothing_of_a_version_no_published_round_uses(anonymous, scored):
    text = anonymous.get("/robots.txt").content.decode()

    assert "icc-example" not in text
    assert not _robots(anonymous).can_fetch("*", "http://testserver/index/questionnaires/icc-example.json")


# The questionnaire's interchange JSON ----------------------------------------------------------------


def test_the_questionnaire_json_carries_its_licence_and_loads_back_unchanged(anonymous, published, alice):
    download = anonymous.get("/index/questionnaires/icc-example.json")

    document = json.loads(download.content)
    assert document["licence"]["id"] == "CC-BY-4.0"
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "icc-example" in document["licence"]["attribution"]
    assert download["X-License"] == "CC-BY-4.0"
    # The version is frozen (a round uses it): the download, licence and all, loads as "unchanged".
    result = questionnaire_load_document(document=document, by=alice)
    assert result.outcome == "unchanged"
    assert "licence" not in Questionnaire.objects.get(key="icc-example").document
