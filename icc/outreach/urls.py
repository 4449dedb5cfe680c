"""News and the newsletter: the pages for signed-in people, under /outreach/."""

from django.urls import URLPattern, URLResolver

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = []
