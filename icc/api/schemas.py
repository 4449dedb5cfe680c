"""Shapes of what the API reads and writes that several routers share; each router declares its own."""

import datetime
from typing import Annotated

from ninja import Field, Path, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints

from icc.core.text import NAME_PATTERN, TEXT_PATTERN, text_problem


def _checked(*, name: bool = False, multiline: bool = True) -> AfterValidator:
    """The platform's one text rule (icc.core.text), as the forms and imports apply it."""

    def check(value: str) -> str:
        if problem := text_problem(value, name=name, multiline=multiline):
            raise ValueError(problem)
        return value

    return AfterValidator(check)


# The JSON Schema patterns only document the rule for clients; the check itself is icc.core.text's.
LINE_PATTERN = r"^[^\x00-\x1f]*$"
Text = Annotated[str, _checked(), Field(json_schema_extra={"pattern": TEXT_PATTERN})]
Line = Annotated[str, _checked(multiline=False), Field(json_schema_extra={"pattern": LINE_PATTERN})]
ShortText = Annotated[Line, StringConstraints(max_length=300)]
Name = Annotated[str, _checked(name=True), Field(json_schema_extra={"pattern": NAME_PATTERN})]
Finite = Annotated[float, Field(allow_inf_nan=False)]


class InSchema(Schema):
    """What a client sends: a field the operation does not take is an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid")


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
