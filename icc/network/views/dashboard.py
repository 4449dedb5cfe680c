"""Each signed-in person's dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from icc.network.selectors.dashboard import dashboard_context


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "network/dashboard.html", dashboard_context(request.user))
