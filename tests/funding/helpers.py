"""Builders for the funding tests: donors, applications, partners, made through the services."""

import datetime
from decimal import Decimal
from typing import Any

from icc.funding import services
from icc.funding.models import Donor, FundingApplication, Partner


def make_donor(by: Any, name: str = "Open Society Foundations") -> Donor:
    return services.donor_save(values={"name": name, "kind": "foundation", "country": "us"}, by=by)


def make_application(by: Any, donor: Donor | None = None, **overrides: Any) -> FundingApplication:
    values: dict[str, Any] = {
        "donor": donor or make_donor(by),
        "title": "Anti-rumour training for 10 cities",
        "year": 2026,
        "amount_asked": Decimal("80000.00"),
        "amount_granted": None,
        "submission_deadline": datetime.date(2026, 3, 1),
        "reporting_deadline": None,
        "note": "",
    }
    values.update(overrides)
    return services.application_create(values=values, by=by)


def make_partner(by: Any, name: str = "Welcoming America", *, public: bool = True) -> Partner:
    return services.partner_save(
        values={
            "name": name,
            "kind": "ngo",
            "country": "us",
            "website": "https://welcomingamerica.org",
            "description_en": "A network of welcoming communities in the United States.",
            "description_fr": "Un réseau de communautés accueillantes aux États-Unis.",
            "public": public,
        },
        by=by,
    )
