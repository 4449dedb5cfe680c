"""News and the newsletter: the public pages, under the public site's language prefixes
(/en/outreach/, /fr/outreach/): included by icc/public/urls.py as the namespace public:outreach."""

from django.urls import URLPattern, URLResolver

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = []
