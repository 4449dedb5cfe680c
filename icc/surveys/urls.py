"""Residents' questionnaires: the pages for signed-in people, under /surveys/."""

from django.urls import URLPattern, URLResolver

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = []
