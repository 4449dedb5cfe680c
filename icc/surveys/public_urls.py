"""Residents' questionnaires: the public pages, under the public site's language prefixes
(/en/surveys/, /fr/surveys/): included by icc/public/urls.py as the namespace public:surveys."""

from django.urls import URLPattern, URLResolver

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = []
