"""The public partners page (/en/funding/partners/, /fr/funding/partners/): the partners the secretariat
marked public, with their kind, country, website and description. The same rule as the API:
`Partner.objects.public()`. Nothing of the finances is public."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from icc.funding import selectors


def partner_list(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/public/partners.html", {"partners": list(selectors.public_partners())})
