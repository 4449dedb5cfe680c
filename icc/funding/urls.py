"""Funding and partners: the pages for signed-in people, under /funding/."""

from django.urls import URLPattern, URLResolver

app_name = "funding"

urlpatterns: list[URLPattern | URLResolver] = []
