"""Shapes of what the API reads and writes that several routers share; each router declares its own."""

import datetime
from typing import Annotated

from ninja import Field, Path, Schema
from pydantic import StringConstraints

# PostgreSQL refuses NUL characters in text: refused here with a clear message instead.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL)]
ShortText = Annotated[str, StringConstraints(pattern=NO_NUL, max_length=300)]
Finite = Annotated[float, Field(allow_inf_nan=False)]

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=120, description="The short name in addresses.")]
# Bounded so that a wild number never reaches the database (SQLite and PostgreSQL store 64-bit ids).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]
QuestionId = Annotated[
    str, Path(pattern=r"^[-a-zA-Z0-9_.:]+$", max_length=120, description="A question's stable id.")
]


class Message(Schema):
    message: str


class RoleOut(Schema):
    kind: str = Field(
        ..., description="secretariat, city_coordinator, city_contributor, expert or network_coordinator"
    )
    label: str
    city: str | None = Field(None, description="The city's slug, for city roles.")
    national_network: str | None = Field(None, description="The network's slug, for network coordinators.")


class TokenOut(Schema):
    name: str
    prefix: str
    read_only: bool
    expires_at: datetime.datetime | None


class MeOut(Schema):
    email: str
    full_name: str
    roles: list[RoleOut]
    token: TokenOut
