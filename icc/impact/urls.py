"""Evidence of impact: the pages for signed-in people, under /impact/."""

from django.urls import URLPattern, URLResolver

app_name = "impact"

urlpatterns: list[URLPattern | URLResolver] = []
