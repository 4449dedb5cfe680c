"""The programme's objectives, targets and risks: the pages for signed-in people, under /programme/."""

from django.urls import URLPattern, URLResolver

app_name = "programme"

urlpatterns: list[URLPattern | URLResolver] = []
