"""Tokens for the standard people, and a client that calls the API with one."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from icc.accounts.models import User
from icc.accounts.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


class Api:
    """Calls /api/v1/ as anonymous or with a token; answers (status, decoded JSON, response)."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> tuple[int, Any, Any]:
        url = "/api/v1" + path
        kwargs: dict[str, Any] = {"headers": self.headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        elif params:
            kwargs["data"] = params
        response = getattr(self.client, method.lower())(url, **kwargs)
        content = json.loads(response.content) if response.content else None
        return response.status_code, content, response

    def get(self, path: str, **params: Any) -> tuple[int, Any, Any]:
        return self.call("GET", path, **params)

    def put(self, path: str, body: Any) -> tuple[int, Any, Any]:
        return self.call("PUT", path, body)

    def patch(self, path: str, body: Any) -> tuple[int, Any, Any]:
        return self.call("PATCH", path, body)

    def post(self, path: str, body: Any) -> tuple[int, Any, Any]:
        return self.call("POST", path, body)


def token_for(user: User, *, read_only: bool = False, **kwargs: Any) -> str:
    return api_token_create(user=user, name=f"{user.full_name}'s tool", read_only=read_only, **kwargs).secret


@pytest.fixture
def api_as() -> Callable[[User | None], Api]:
    """api_as(None) is anonymous; api_as(bob) calls with a (read-write) token of Bob's."""

    def make(user: User | None, *, read_only: bool = False) -> Api:
        return Api(token_for(user, read_only=read_only) if user is not None else None)

    return make


@pytest.fixture
def anonymous() -> Api:
    return Api()
