"""The landing page and each signed-in person's dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from icc.network.selectors.dashboard import dashboard_context, home_figures


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("network:dashboard")
    return render(request, "network/home.html", {"figures": home_figures()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "network/dashboard.html", dashboard_context(request.user))
