"""Access to the register, decided here and nowhere else (house rule 4).

A city's non-public data is readable by the secretariat, experts, the people who hold a role for that
city, and the coordinators of its national network; it is changed by the secretariat and, for its own
facts and contacts, by the city's coordinator. Register-wide pages are the secretariat's.
"""

from typing import Any

import rules

from icc.accounts.rules import is_expert, is_secretariat
from icc.accounts.selectors import user_roles_summary


@rules.predicate
def coordinates_city(user: Any, city: Any) -> bool:
    return city is not None and city.pk in user_roles_summary(user).coordinated_city_ids


@rules.predicate
def works_for_city(user: Any, city: Any) -> bool:
    return city is not None and city.pk in user_roles_summary(user).city_ids


@rules.predicate
def coordinates_city_network(user: Any, city: Any) -> bool:
    return (
        city is not None
        and city.national_network_id is not None
        and city.national_network_id in user_roles_summary(user).coordinated_network_ids
    )


@rules.predicate
def coordinates_network(user: Any, network: Any) -> bool:
    return network is not None and network.pk in user_roles_summary(user).coordinated_network_ids


@rules.predicate
def coordinates_member_of_network(user: Any, network: Any) -> bool:
    if network is None:
        return False
    from icc.network.selectors.access import network_city_ids

    return bool(user_roles_summary(user).coordinated_city_ids & network_city_ids(network))


rules.add_perm("network.view_register", is_secretariat)
rules.add_perm("network.manage_register", is_secretariat)

rules.add_perm("network.view_city", is_secretariat | is_expert | works_for_city | coordinates_city_network)
rules.add_perm("network.change_city", is_secretariat | coordinates_city)
rules.add_perm("network.view_city_internal", is_secretariat)
rules.add_perm("network.manage_accession", is_secretariat)
# Accession documents (analytical reports, profiles, agreements) are not for contributors or networks.
rules.add_perm("network.view_accession_documents", is_secretariat | is_expert | coordinates_city)
rules.add_perm("network.view_city_fees", is_secretariat | coordinates_city)
rules.add_perm("network.manage_fees", is_secretariat)

rules.add_perm("network.view_network", is_secretariat | coordinates_network | coordinates_member_of_network)
rules.add_perm("network.change_network", is_secretariat | coordinates_network)
rules.add_perm("network.edit_network_plans", is_secretariat | coordinates_network)
rules.add_perm("network.decide_network_plans", is_secretariat)
