"""`{% strategy_evaluations strategy %}`: the published evaluations a strategy page links to (its own, the
one of
the strategy it replaces, and those the secretariat linked to it as the next strategy)."""

from typing import Any

from django import template

from icc.evaluations.selectors import evaluations_of_strategy

register = template.Library()


@register.inclusion_tag("evaluations/_strategy_evaluations.html")
def strategy_evaluations(strategy: Any) -> dict[str, Any]:
    return {"evaluations": list(evaluations_of_strategy(strategy))}
