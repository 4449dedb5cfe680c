"""One error shape everywhere, rate limits with Retry-After, pagination with the total count, and docs
that load nothing from outside."""

import re

import pytest
from django.test import Client

from tests.factories import CityFactory

pytestmark = pytest.mark.cache  # the rate limits count in the cache


def _is_error(body, code):
    return (
        set(body) == {"error"} and body["error"]["code"] == code and isinstance(body["error"]["fields"], list)
    )


def test_anonymous_callers_are_limited_by_address_with_retry_after(settings, anonymous, lyon):
    settings.API_RATE_ANON = "3/min"

    statuses = [anonymous.get("/cities")[0] for _ in range(3)]
    status, body, response = anonymous.get("/cities")

    assert statuses == [200, 200, 200]
    assert status == 429
    assert _is_error(body, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_a_forged_forwarded_for_header_does_not_escape_the_anonymous_limit(settings, lyon):
    settings.API_RATE_ANON = "2/min"
    client = Client()

    statuses = [
        client.get("/api/v1/cities", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_a_proxy_each_client_address_has_its_own_allowance(settings, lyon):
    settings.API_RATE_ANON = "1/min"
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()

    def status(forwarded: str) -> int:
        return client.get("/api/v1/cities", headers={"X-Forwarded-For": forwarded}).status_code

    assert [status("198.51.100.7"), status("198.51.100.8"), status("10.0.0.1, 198.51.100.7")] == [
        200,
        200,
        429,
    ]


def test_token_holders_have_their_own_allowance(settings, anonymous, api_as, bob, lyon):
    settings.API_RATE_ANON = "1/min"
    settings.API_RATE_USER = "2/min"
    api = api_as(bob)
    anonymous.get("/cities")

    assert [api.get("/cities")[0] for _ in range(3)] == [200, 200, 429]
    assert anonymous.get("/cities")[0] == 429


def test_lists_are_paginated_with_the_total_count(db, anonymous):
    for n in range(7):
        CityFactory(name_en=f"Town {n}")

    status, body, _ = anonymous.get("/cities", limit=3, offset=5)

    assert status == 200
    assert body["count"] == 7
    assert [c["name"] for c in body["items"]] == ["Town 5", "Town 6"]


def test_bad_parameters_name_the_parameter(db, anonymous):
    status, body, _ = anonymous.get("/cities", limit=0)

    assert status == 422
    assert _is_error(body, "invalid")
    assert body["error"]["fields"][0]["field"] == "limit"


def test_a_body_that_is_not_json_is_a_400_in_the_same_shape(api_as, alice):
    api = api_as(alice)
    response = api.client.post(
        "/api/v1/cities", data="{not json", content_type="application/json", headers=api.headers
    )

    assert response.status_code == 400
    assert _is_error(response.json(), "bad_request")


def test_not_found_is_in_the_same_shape(db, anonymous):
    status, body, _ = anonymous.get("/cities/atlantis")

    assert status == 404
    assert _is_error(body, "not_found")


def test_every_operation_documents_its_errors(db, anonymous):
    document = anonymous.client.get("/api/v1/openapi.json").json()

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "422", "429", "500"):
                assert status in operation["responses"], f"{method} {path} does not document {status}"
    assert document["components"]["schemas"]["ErrorOut"]


def test_the_interactive_docs_load_nothing_from_outside(db, anonymous):
    page = anonymous.client.get("/api/v1/docs")

    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.content.decode())
    assert sources and all(s.startswith("/") for s in sources), sources


def test_an_unknown_address_under_the_api_answers_in_the_same_json_shape(client, db):
    for url in ("/api/v1/nope", "/api/v2/cities", "/api/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert _is_error(response.json(), "not_found")
        assert "openapi.json" in response.json()["error"]["message"]


def test_a_forged_host_header_answers_in_the_same_json_shape(client, db):
    response = client.get("/api/v1/cities", HTTP_HOST="J{d;wy8&p")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert _is_error(response.json(), "bad_request")
    assert "text/html" in client.get("/cities/", HTTP_HOST="J{d;wy8&p")["Content-Type"]
