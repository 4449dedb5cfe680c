"""`{% load index_scores %}`: scores as the score pages show them.

`num:1` would not do: Django's number formatting cuts decimals off (66.67 would show as 66.6), so
scores are rounded first, then formatted in the reader's language.
"""

from django import template

from icc.index.selectors.scores import score_text

register = template.Library()


@register.filter
def score(value: float | None, digits: int = 1) -> str:
    """A score rounded to `digits` decimals (one by default); "–" for no score."""
    if value is None or value == "":
        return "–"
    return score_text(float(value), int(digits))
