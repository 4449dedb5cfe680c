"""Evaluations of strategies' implementation: the public pages, under the public site's language prefixes
(/en/evaluations/, /fr/evaluations/): included by icc/public/urls.py as the namespace public:evaluations."""

from django.urls import URLPattern, URLResolver

app_name = "evaluations"

urlpatterns: list[URLPattern | URLResolver] = []
