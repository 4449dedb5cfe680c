"""The one access helper for a city's gap data (rules in icc/gaps/rules.py): every gap page and endpoint
goes through it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from icc.accounts.selectors import user_roles_summary
from icc.network.models import City


def get_city_gaps_for_user(user: Any, slug: str, *, perm: str = "gaps.view_city_gaps") -> City:
    """The city if `user` may read its gap data (else 404, as if it had none) and holds `perm` on it
    (else 403): "gaps.view_city_gaps", "gaps.change_city_gaps" or "gaps.publish_city_gaps"."""
    city = City.objects.filter(slug=slug).first()
    if city is None or not user.has_perm("gaps.view_city_gaps", city):
        raise Http404("No such city.")
    if perm != "gaps.view_city_gaps" and not user.has_perm(perm, city):
        raise PermissionDenied
    return city


def gap_cities_for_user(user: Any) -> QuerySet[City]:
    """The cities whose unpublished gap data `user` may read: all for the secretariat, else their own."""
    summary = user_roles_summary(user)
    if summary.secretariat:
        return City.objects.all()
    return City.objects.filter(pk__in=summary.city_ids)
