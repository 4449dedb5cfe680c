"""Funding and partners in the JSON API: the public partners only (`Partner.objects.public()`, the same rule
as the public partners page). Nothing of the finances is public: no budget, donor or application here."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.funding.models import Partner
from icc.funding.selectors import public_partners

router = Router(tags=["funding"])


class PartnerOut(Schema):
    id: int
    name: str
    kind: str = Field(..., description="ngo, university, foundation, international, network or other.")
    country: str = Field(..., description="ISO 3166 alpha-2, or empty.")
    website: str
    description: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )


def partner_out(partner: Partner) -> dict[str, Any]:
    return {
        "id": partner.pk,
        "name": partner.name,
        "kind": partner.kind,
        "country": partner.country,
        "website": partner.website,
        "description": partner.description,
    }


@router.get(
    "/partners", response=documented({200: list[PartnerOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@paginate(Pagination)
def list_partners(request: HttpRequest) -> Any:
    """The programme's partner organisations marked public, by name. No token needed."""
    return Mapped(public_partners(), partner_out)
