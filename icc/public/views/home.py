"""The public home page: what the network is, its figures and its cities."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from icc.network.selectors.dashboard import home_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"figures": home_figures()})
