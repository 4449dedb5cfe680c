"""GET /api/v1/rounds/{id}/audit: a round's statistical audit, public once its results are published,
naming no city that did not agree to publication."""

import pytest

from icc.index.models import RoundScores
from tests.api.conftest import Api

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]


@pytest.fixture
def as_person(request, api_as):
    def make(name: str) -> Api:
        return api_as(None if name == "anonymous" else request.getfixturevalue(name))

    return make


def test_the_audit_of_a_published_round_is_public(anonymous, published):
    lyon, _porto = published
    status, body, _ = anonymous.get(f"/rounds/{lyon.round_id}/audit")
    assert status == 200
    assert body["round"]["id"] == lyon.round_id
    audit, stored = body["audit"], RoundScores.objects.get(round=lyon.round).audit
    assert audit["cities"] == 2  # the statistics are over the whole sample
    assert audit["correlations"] == stored["correlations"]
    assert audit["consistency"] == stored["consistency"]
    assert audit["sensitivity"]["inputs"] == stored["sensitivity"]["inputs"]
    assert [c["city"] for c in audit["data"]["cities"]] == ["Lyon"]


def test_the_public_audit_names_no_city_that_refused_publication(anonymous, published):
    lyon, _porto = published
    assert "Porto" in str(RoundScores.objects.get(round=lyon.round).audit)  # the secretariat's audit names it
    assert "Porto" not in str(anonymous.get(f"/rounds/{lyon.round_id}/audit")[1])


def test_before_publication_only_the_secretariat_reads_the_whole_audit(as_person, scored):
    lyon, _porto = scored
    statuses = {person: as_person(person).get(f"/rounds/{lyon.round_id}/audit")[0] for person in PEOPLE}
    assert statuses == {**dict.fromkeys(PEOPLE, 404), "alice": 200}
    body = as_person("alice").get(f"/rounds/{lyon.round_id}/audit")[1]
    assert body["audit"] == RoundScores.objects.get(round=lyon.round).audit
    assert {c["city"] for c in body["audit"]["data"]["cities"]} == {"Lyon", "Porto"}


def test_an_unknown_round_has_no_audit(anonymous, db):
    assert anonymous.get("/rounds/999999/audit")[0] == 404
