"""Policy self-assessment tools: the pages for signed-in people, under /policytools/."""

from django.urls import URLPattern, URLResolver

app_name = "policytools"

urlpatterns: list[URLPattern | URLResolver] = []
