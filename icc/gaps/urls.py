"""The gap tool's back-office pages, under /gaps/: a city's import and hand entry (icc/gaps/views/data.py)
and its reading pages (the city's gaps, an indicator's history, publication: their own view modules)."""

from django.urls import URLPattern, URLResolver

app_name = "gaps"

urlpatterns: list[URLPattern | URLResolver] = []
