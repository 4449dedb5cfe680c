"""Evidence of impact: the public pages, under the public site's language prefixes
(/en/impact/, /fr/impact/): included by icc/public/urls.py as the namespace public:impact."""

from django.urls import URLPattern, URLResolver

app_name = "impact"

urlpatterns: list[URLPattern | URLResolver] = []
