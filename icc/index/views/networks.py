"""A national network's cities and their Index questionnaires, for the network's coordinator."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from icc.index.selectors.networks import network_index_status
from icc.network.selectors.access import get_network_for_user


@login_required
@require_GET
def network_status(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="index.view_network_status")
    return render(request, "index/networks/status.html", {"status": network_index_status(network)})
