"""City strategies and results-based accountability: the pages for signed-in people, under /strategies/."""

from django.urls import URLPattern, URLResolver

app_name = "strategies"

urlpatterns: list[URLPattern | URLResolver] = []
