"""Evaluations of strategies' implementation: the pages for signed-in people, under /evaluations/."""

from django.urls import URLPattern, URLResolver

app_name = "evaluations"

urlpatterns: list[URLPattern | URLResolver] = []
