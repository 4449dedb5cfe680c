"""Access to a city's gaps, decided here (house rule 4).

A city's gap data (observations, computed gaps, imports) is read and changed by the city's coordinator and
contributors and by the secretariat; nobody else sees it until the city publishes it (experts and national
network coordinators included). Publishing or withdrawing is the coordinator's decision, or the
secretariat's. What is public is decided by icc.gaps.selectors.publication.
"""

from typing import Any

import rules

from icc.accounts.rules import is_secretariat
from icc.network.rules import coordinates_city, works_for_city

rules.add_perm("gaps.view_city_gaps", is_secretariat | works_for_city)
rules.add_perm("gaps.change_city_gaps", is_secretariat | works_for_city)
rules.add_perm("gaps.publish_city_gaps", is_secretariat | coordinates_city)


def may_read_city_gaps(user: Any, city: Any) -> bool:
    return bool(user.has_perm("gaps.view_city_gaps", city))
