"""The initiation course: the public pages, under the public site's language prefixes
(/en/learning/, /fr/learning/): included by icc/public/urls.py as the namespace public:learning."""

from django.urls import URLPattern, URLResolver

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = []
