"""GET /api/v1/policy-tools/checklists (public) and /api/v1/policy-tools/assessments (with a token)."""

from icc.policytools import services
from tests.api.conftest import token_for
from tests.conftest import client_for
from tests.policytools.helpers import housing


def test_the_published_checklists_are_listed_without_a_token(db):
    body = client_for(None).get("/api/v1/policy-tools/checklists").json()
    ids = {item["id"] for item in body["items"]}
    assert {"housing-2026", "diversity-advantage-2026"} <= ids
    item = next(i for i in body["items"] if i["id"] == "housing-2026")
    assert item["audience"] == "city" and item["document"]["field_title"]["fr"] == "Logement"


def test_a_citys_assessments_need_a_token_and_stay_within_the_city(lyon, bob, dave):
    services.assessment_start(city=lyon, checklist=housing(), by=bob)
    assert client_for(None).get("/api/v1/policy-tools/assessments").status_code == 401
    mine = client_for(None).get(
        "/api/v1/policy-tools/assessments?city=lyon", HTTP_AUTHORIZATION=f"Bearer {token_for(bob)}"
    )
    assert mine.status_code == 200 and [i["city"] for i in mine.json()["items"]] == ["lyon"]
    theirs = client_for(None).get(
        "/api/v1/policy-tools/assessments", HTTP_AUTHORIZATION=f"Bearer {token_for(dave)}"
    )
    assert theirs.json()["count"] == 0
