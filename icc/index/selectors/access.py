"""Access helpers for the Index: one per resource."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from icc.index.models import Response, Round


def get_response_for_user(user: Any, pk: int, *, perm: str = "index.view_response") -> Response:
    """The response if `user` may read it (else 404) and holds `perm` on it (else 403)."""
    response = (
        Response.objects.select_related("round__questionnaire", "city")
        # Read through structure_of, which parses it once per version: each autosave would decode it.
        .defer("round__questionnaire__document")
        .filter(pk=pk)
        .first()
    )
    if response is None or not user.has_perm("index.view_response", response):
        raise Http404("No such response.")
    if perm != "index.view_response" and not user.has_perm(perm, response):
        raise PermissionDenied
    return response


def get_round_for_user(user: Any, pk: int) -> Round:
    if not user.has_perm("index.manage_rounds"):
        raise PermissionDenied
    round_ = Round.objects.select_related("questionnaire").filter(pk=pk).first()
    if round_ is None:
        raise Http404("No such round.")
    return round_
