"""City strategies: the public pages, under the public site's language prefixes
(/en/strategies/, /fr/strategies/): included by icc/public/urls.py as the namespace public:strategies."""

from django.urls import URLPattern, URLResolver

app_name = "strategies"

urlpatterns: list[URLPattern | URLResolver] = []
