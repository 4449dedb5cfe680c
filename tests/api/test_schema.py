"""The OpenAPI document tells the truth: schemathesis calls every operation with generated data
(anonymous, and with a read-write token of the secretariat, which reaches every operation) and checks
that nothing answers a server error and that every answer is documented (status, content type, body).

Bounded and repeatable: 25 examples per operation, derandomised."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import token_for
from tests.factories import ResponseFactory, RoundFactory

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The explicit examples and generated cases only: the coverage phase would add hundreds of boundary
# cases per operation (several minutes), and stateful runs are not needed for these checks.
CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
    }
)
EXAMPLES = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(db, settings, published, alice, bob, carol, erin, frank, reggio, bergamo) -> Iterator[Any]:
    """The schema served by the WSGI application, on demo-like data: a round with published results
    (Lyon public, Porto not), an open round where Lyon is answering, the standard people and cities."""
    settings.API_RATE_ANON = settings.API_RATE_USER = "1000000/min"
    ResponseFactory(round=RoundFactory(name="Index 2027"), city=published[0].city)
    # Each request would otherwise close the test's database connection, as Django does between
    # requests in production; the test client does the same.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def alice_token(alice) -> str:
    return token_for(alice)


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # schemathesis 4.32 reads `node._nodeid`, which pytest 9 no longer has (it has `nodeid`).
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@schema.parametrize()
@EXAMPLES
def test_anonymous_calls_get_documented_answers(case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_calls_with_a_secretariat_token_get_documented_answers(case, alice_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {alice_token}"}, checks=CHECKS)


def test_the_openapi_document_declares_the_bounds_the_register_enforces(db, anonymous):
    status, document, _ = anonymous.get("/openapi.json")
    assert status == 200
    change = document["components"]["schemas"]["CityChangeIn"]
    fields = {
        name: next((option for option in spec.get("anyOf", [spec]) if option.get("type") != "null"), spec)
        for name, spec in change["properties"].items()
    }

    assert change["additionalProperties"] is False
    assert (fields["latitude"]["minimum"], fields["latitude"]["maximum"]) == (-90, 90)
    assert (fields["longitude"]["minimum"], fields["longitude"]["maximum"]) == (-180, 180)
    assert (fields["foreign_born_share"]["minimum"], fields["foreign_born_share"]["maximum"]) == (0, 100)
    assert fields["population_year"]["minimum"] == 1900
    assert fields["population"]["minimum"] == 1
    assert "\\u202e" in fields["name_en"]["pattern"] or "\u202e" in fields["name_en"]["pattern"]
    answer = document["components"]["schemas"]["AnswerIn"]
    assert answer["additionalProperties"] is False
