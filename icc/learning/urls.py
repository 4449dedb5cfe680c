"""The initiation course: the pages for signed-in people, under /learning/."""

from django.urls import URLPattern, URLResolver

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = []
