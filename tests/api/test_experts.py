"""GET /api/v1/experts: the expert pool for the secretariat's tokens only (count and items, filters);
any other token is refused with 403, no token with 401; erased records are not listed."""

import pytest

from icc.experts.services.personal_data import expert_erase
from tests.api.conftest import Api
from tests.experts.pool_factories import make_expert

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]


@pytest.fixture
def as_person(request, api_as):
    def make(name: str) -> Api:
        return api_as(None if name == "anonymous" else request.getfixturevalue(name))

    return make


@pytest.fixture
def pool(alice, erin):
    return [
        make_expert(
            alice,
            name="Marie Lefèvre",
            gender="woman",
            country="FR",
            languages=(("fr", "native", True), ("en", "fluent", True)),
            areas=("education", "media"),
            themes=("anti_rumour",),
            countries_known=("BE", "FR"),
        ),
        make_expert(alice, name="Jan Kowalski", country="PL", status="candidate", areas=("business",)),
        make_expert(alice, name="Erin Keller", user=erin, languages=(("de", "native", True),)),
    ]


def test_only_the_secretariats_tokens_read_the_pool(as_person, pool):
    statuses = {name: as_person(name).get("/experts")[0] for name in PEOPLE}
    assert statuses == {**dict.fromkeys(PEOPLE, 403), "anonymous": 401, "alice": 200}
    _status, body, _response = as_person("erin").get("/experts")
    assert body["error"]["code"] == "forbidden" and "Marie" not in str(body)


def test_the_pool_lists_each_experts_record(as_person, pool):
    status, body, _response = as_person("alice").get("/experts")
    assert status == 200 and body["count"] == 3
    assert [item["full_name"] for item in body["items"]] == ["Erin Keller", "Jan Kowalski", "Marie Lefèvre"]
    marie = body["items"][2]
    assert marie == {
        "id": pool[0].pk,
        "full_name": "Marie Lefèvre",
        "email": "",
        "phone": "",
        "gender": "woman",
        "country": "FR",
        "status": "active",
        "french_speaker": True,
        "languages": [
            {"language": "en", "level": "fluent", "working": True},
            {"language": "fr", "level": "native", "working": True},
        ],
        "areas": ["education", "media"],
        "themes": ["anti_rumour"],
        "countries_known": ["BE", "FR"],
        "mentor": None,
        "availability_note": "",
    }


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"status": "candidate"}, ["Jan Kowalski"]),
        ({"language": "fr"}, ["Marie Lefèvre"]),
        ({"area": "business"}, ["Jan Kowalski"]),
        ({"limit": 1, "offset": 1}, ["Jan Kowalski"]),
    ],
)
def test_the_pool_filters_and_pages(as_person, pool, params, names):
    status, body, _response = as_person("alice").get("/experts", **params)
    assert status == 200 and [item["full_name"] for item in body["items"]] == names


def test_a_bad_filter_is_named(as_person, pool):
    status, body, _response = as_person("alice").get("/experts", status="retired")
    assert status == 422 and body["error"]["fields"][0]["field"] == "status"


def test_an_erased_expert_is_not_listed(as_person, alice, pool):
    expert_erase(expert=pool[0], by=alice)
    _status, body, _response = as_person("alice").get("/experts")
    assert body["count"] == 2 and "Marie" not in str(body)
