"""Who reads what through the API: public data for everyone; with a token, what its owner's roles allow
(the same rules as the pages); unpublished scores never reach anonymous callers or unauthorised tokens."""

import pytest

from icc.network.models import CityStatus
from tests.api.conftest import Api
from tests.factories import CityFactory, RoundFactory

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]


@pytest.fixture
def as_person(request, api_as):
    """api for a person of PEOPLE by name, with a read-write token (anonymous: no token)."""

    def make(name: str) -> Api:
        return api_as(None if name == "anonymous" else request.getfixturevalue(name))

    return make


def _statuses(as_person, path: str) -> dict[str, int]:
    return {person: as_person(person).get(path)[0] for person in PEOPLE}


def test_public_lists_show_member_and_candidate_cities_to_anyone(anonymous, lyon, bergamo):
    CityFactory(name_en="Enquiring Town", slug="enquiring", status=CityStatus.ENQUIRY, notes="Met the mayor.")

    status, body, _ = anonymous.get("/cities")

    assert status == 200
    assert [c["slug"] for c in body["items"]] == ["bergamo", "lyon"]
    assert body["count"] == 2
    assert all(c["record"] is None for c in body["items"])
    assert "Met the mayor" not in str(body)
    assert anonymous.get("/cities/enquiring")[0] == 404


def test_a_city_record_is_read_with_a_token_as_on_the_pages(as_person, lyon, reggio):
    lyon.notes = "Internal: fee reminder sent."
    lyon.save()

    assert _statuses(as_person, "/cities/lyon") == dict.fromkeys(PEOPLE, 200)
    records = {p: as_person(p).get("/cities/lyon")[1]["record"] for p in PEOPLE}

    # network.view_city: the secretariat, experts and Lyon's people; not Porto's coordinator nor others.
    assert {p for p, r in records.items() if r is not None} == {"alice", "bob", "carol", "erin"}
    assert records["alice"]["notes"] == "Internal: fee reminder sent."
    assert records["bob"]["notes"] is None and records["erin"]["notes"] is None
    assert records["bob"]["can_change"] is True and records["carol"]["can_change"] is False
    # The coordinator of RICI reads the records of its cities.
    assert as_person("frank").get("/cities/reggio-emilia")[1]["record"]["status"] == "member"


def test_a_city_outside_the_public_register_is_known_only_to_those_who_may_read_it(as_person, lyon):
    CityFactory(name_en="Withdrawn Town", slug="withdrawn", status=CityStatus.WITHDRAWN)
    lyon.status = CityStatus.SUSPENDED
    lyon.save()

    assert _statuses(as_person, "/cities/lyon") == {
        **dict.fromkeys(PEOPLE, 404),
        **dict.fromkeys(["alice", "bob", "carol", "erin"], 200),
    }
    assert _statuses(as_person, "/cities/withdrawn") == {
        **dict.fromkeys(PEOPLE, 404),
        **dict.fromkeys(["alice", "erin"], 200),
    }
    anonymous_list = as_person("anonymous").get("/cities")[1]
    assert "lyon" not in {c["slug"] for c in anonymous_list["items"]}
    assert as_person("bob").get("/cities", status="suspended")[1]["items"][0]["slug"] == "lyon"


def test_national_networks_and_questionnaires_are_public(anonymous, reggio, bergamo, index_round):
    status, body, _ = anonymous.get("/networks/rici")
    assert status == 200
    assert body["lead_city"] == "reggio-emilia"
    assert [c["slug"] for c in body["cities"]] == ["bergamo", "reggio-emilia"]

    status, body, _ = anonymous.get("/questionnaires/icc-example")
    assert status == 200
    assert body["document"]["id"] == "icc-example"
    assert body["document"]["areas"][0]["questions"]


def test_rounds_without_published_results_are_the_secretariats(as_person, published):
    lyon, _porto = published
    draft = RoundFactory(name="Index 2030")

    assert _statuses(as_person, f"/rounds/{draft.pk}") == {**dict.fromkeys(PEOPLE, 404), "alice": 200}
    assert _statuses(as_person, f"/rounds/{lyon.round_id}") == dict.fromkeys(PEOPLE, 200)
    assert {r["name"] for r in as_person("anonymous").get("/rounds")[1]["items"]} == {"Index 2026"}
    assert {r["name"] for r in as_person("alice").get("/rounds")[1]["items"]} == {"Index 2026", "Index 2030"}


def test_published_scores_are_those_of_the_cities_that_agreed(anonymous, published):
    lyon, _porto = published

    scores = anonymous.get("/scores")[1]
    results = anonymous.get(f"/rounds/{lyon.round_id}/results")[1]

    assert [s["city"] for s in scores["items"]] == ["lyon"]
    assert scores["items"][0]["aggregate"] == 82.0
    assert scores["items"][0]["rank"]["sample"] == 1
    assert [c["city"] for c in results["cities"]] == ["lyon"]
    assert results["sample_size"] == 2
    assert results["aggregate_statistics"]["n"] == 1
    assert "porto" not in str(scores) + str(results)


def test_no_scores_are_public_before_the_round_results_are_published(as_person, scored):
    lyon, _porto = scored

    assert as_person("anonymous").get("/scores")[1] == {"items": [], "count": 0}
    assert as_person("alice").get(f"/rounds/{lyon.round_id}/results")[1]["cities"] == []
    assert as_person("anonymous").get(f"/rounds/{lyon.round_id}/results")[0] == 404


def test_unpublished_scores_reach_only_those_who_may_read_them(as_person, published):
    lyon, porto = published

    # Porto refused publication: its people and the secretariat; an expert may read the response (403).
    assert _statuses(as_person, f"/responses/{porto.pk}/scores") == {
        "anonymous": 401,
        "alice": 200,
        "bob": 404,
        "carol": 404,
        "dave": 200,
        "erin": 403,
        "frank": 404,
        "grace": 404,
    }
    # Lyon's are published: experts read them too.
    assert _statuses(as_person, f"/responses/{lyon.pk}/scores")["erin"] == 200
    body = as_person("dave").get(f"/responses/{porto.pk}/scores")[1]
    assert body["published"] is False
    assert body["aggregate"] == pytest.approx(63.33, abs=0.01)


def test_responses_and_answers_are_read_as_on_the_pages(as_person, lyon_response, dave):
    path = f"/responses/{lyon_response.pk}"
    expected = {
        **dict.fromkeys(PEOPLE, 404),
        "anonymous": 401,
        "alice": 200,
        "bob": 200,
        "carol": 200,
        "erin": 200,
    }

    assert _statuses(as_person, path) == expected
    assert _statuses(as_person, path + "/answers") == expected
    assert as_person("bob").get("/responses")[1]["count"] == 1
    assert as_person("dave").get("/responses")[1] == {"items": [], "count": 0}
    assert as_person("grace").get("/responses")[1] == {"items": [], "count": 0}


def test_who_a_token_acts_as(as_person, bob):
    status, body, _ = as_person("bob").get("/me")

    assert status == 200
    assert body["email"] == "bob@example.org"
    assert body["roles"] == [
        {"kind": "city_coordinator", "label": "City coordinator", "city": "lyon", "national_network": None}
    ]
    assert as_person("anonymous").get("/me")[0] == 401


def test_the_city_list_reads_a_fixed_number_of_queries(api_as, alice, django_assert_max_num_queries):
    for n in range(30):
        CityFactory(name_en=f"Member {n}")
    api = api_as(alice)

    with django_assert_max_num_queries(8):
        status, body, _ = api.get("/cities", limit=30)

    assert status == 200 and len(body["items"]) == 30
