"""Access to Index rounds and responses, decided here (house rule 4).

A response is read by the secretariat, experts and the people who hold a role for its city; it is
answered by the city's coordinator (every section) and by contributors (the sections assigned to them);
it is submitted by the coordinator and reviewed by the secretariat.
"""

from typing import Any

import rules

from icc.accounts.rules import is_expert, is_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.index.selectors.publication import is_response_published
from icc.network.rules import coordinates_network


@rules.predicate
def works_for_response_city(user: Any, response: Any) -> bool:
    return response is not None and response.city_id in user_roles_summary(user).city_ids


@rules.predicate
def coordinates_response_city(user: Any, response: Any) -> bool:
    return response is not None and response.city_id in user_roles_summary(user).coordinated_city_ids


rules.add_perm("index.manage_rounds", is_secretariat)
rules.add_perm("index.view_response", is_secretariat | is_expert | works_for_response_city)
rules.add_perm("index.coordinate_response", coordinates_response_city)
rules.add_perm("index.review_response", is_secretariat)
# The review conversation and the status timeline are between the secretariat and the city (not experts).
rules.add_perm("index.comment_response", is_secretariat | works_for_response_city)
rules.add_perm("index.view_response_history", is_secretariat | works_for_response_city)
# A national network's coordinator follows the status (not the answers) of the network's cities' responses.
rules.add_perm("index.view_network_status", is_secretariat | coordinates_network)


@rules.predicate
def response_is_published(user: Any, response: Any) -> bool:
    return response is not None and is_response_published(response)


# Scores stay between the secretariat and the city until they are published; experts then read them too
# (an expert assigned to a city's report reaches its scores through the report).
rules.add_perm(
    "index.view_response_scores",
    is_secretariat | works_for_response_city | (is_expert & response_is_published),
)
# The city's coordinator agrees to publication; the secretariat may record a decision sent by letter.
rules.add_perm("index.decide_publication", is_secretariat | coordinates_response_city)


def can_answer_area(user: Any, response: Any, area: str) -> bool:
    """Coordinators answer every section; contributors the sections assigned to them."""
    if not response.is_editable:
        return False
    summary = user_roles_summary(user)
    if response.city_id in summary.coordinated_city_ids:
        return True
    if response.city_id in summary.contributed_city_ids:
        return response.assignments.filter(user=user, area=area).exists()
    return False


def answers_some_area(user: Any, response: Any) -> bool:
    """Whether `user` answers part of the response, whatever its status: its city's coordinator, or a
    contributor with at least one section assigned (the offline import is offered to them)."""
    summary = user_roles_summary(user)
    if response.city_id in summary.coordinated_city_ids:
        return True
    return (
        response.city_id in summary.contributed_city_ids and response.assignments.filter(user=user).exists()
    )
