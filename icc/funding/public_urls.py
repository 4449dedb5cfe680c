"""Funding and partners: the public pages, under the public site's language prefixes
(/en/funding/, /fr/funding/): included by icc/public/urls.py as the namespace public:funding."""

from django.urls import URLPattern, URLResolver, path

from icc.funding.views import public

app_name = "funding"

urlpatterns: list[URLPattern | URLResolver] = [
    path("partners/", public.partner_list, name="partner_list"),
]
