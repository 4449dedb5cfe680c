"""Policy self-assessment tools: the public pages, under the public site's language prefixes
(/en/policytools/, /fr/policytools/): included by icc/public/urls.py as the namespace public:policytools."""

from django.urls import URLPattern, URLResolver

app_name = "policytools"

urlpatterns: list[URLPattern | URLResolver] = []
